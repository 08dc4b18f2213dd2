import type { FastifyInstance } from "fastify";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { linkHeader, readPageRequest, slicePage } from "../http/pagination.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { resolveCommit } from "../http/resolve-commit.js";
import { renderDiffEntry } from "../shapes/render-diff-entry.js";
import { renderGitCommit } from "../shapes/render-git-commit.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { GitCommitRecord } from "../state/git-history.js";

const LIST_DOCS = "https://docs.github.com/rest/commits/commits#list-commits";
const GET_DOCS = "https://docs.github.com/rest/commits/commits#get-a-commit";

/** Paths a commit changed relative to its parent (every path for a root commit), sorted. */
function changedPaths(commit: GitCommitRecord, parent: GitCommitRecord | undefined): string[] {
  const before = parent?.files ?? new Map<string, string>();
  const paths = new Set([...before.keys(), ...commit.files.keys()]);
  return [...paths].filter((path) => before.get(path) !== commit.files.get(path)).sort();
}

/**
 * `GET /repos/{owner}/{repo}/commits` (`sha` = branch or commit, default the default branch; `path`,
 * `author`, `since`, `until` filters; newest first, paginated with `Link`) and
 * `GET /repos/{owner}/{repo}/commits/{ref}` (one commit with `stats` and `files`), both at
 * `/repositories/{id}/…` too. Every sha the
 * simulator hands out (branches, tags, pull requests, runs, deployments) is a commit of `state.git`. An
 * empty repository answers `409 Git Repository is empty.`, an unknown commit `422 No commit found for
 * SHA: …`.
 */
export function registerCommitRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  registerRepositoryGet(
    app,
    state,
    { path: "/commits", documentationUrl: LIST_DOCS, permission: "contents=read" },
    (repo, request, reply) => {
      const { urls } = requireContext(request.github);
      if (state.headCommit(repo.id, repo.defaultBranch) === undefined) {
        return sendGitHubError(reply, 409, "Git Repository is empty.", LIST_DOCS);
      }
      const query = request.query as Record<string, string>;
      const head = resolveCommit(state, repo, query.sha || repo.defaultBranch);
      if (!head) return sendNotFound(reply, LIST_DOCS);
      const fullName = `${state.getAccount(repo.ownerId).login}/${repo.name}`;
      const history = state.git.ancestry(head.sha).filter((commit) => {
        if (query.since && commit.timestamp < query.since) return false;
        if (query.until && commit.timestamp > query.until) return false;
        if (query.author && commit.author.login?.toLowerCase() !== query.author.toLowerCase()) return false;
        if (query.path) {
          const parent = commit.parentSha ? state.git.findCommit(repo.id, commit.parentSha) : undefined;
          const prefix = query.path.replace(/^\/+|\/+$/g, "");
          return changedPaths(commit, parent).some(
            (path) => path === prefix || path.startsWith(`${prefix}/`),
          );
        }
        return true;
      });
      const pageRequest = readPageRequest(query);
      const page = slicePage(history, pageRequest);
      const link = linkHeader(
        `${urls.api}/repos/${fullName}/commits`,
        new URLSearchParams(query),
        pageRequest.page,
        page.lastPage,
      );
      if (link) reply.header("link", link);
      return page.items.map((commit) => renderGitCommit(commit, { state, urls, fullName }));
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/commits/*", documentationUrl: GET_DOCS, permission: "contents=read" },
    (repo, request, reply) => {
      const ref = request.params["*"] ?? "";
      const { urls } = requireContext(request.github);
      const commit = resolveCommit(state, repo, ref);
      if (!commit) {
        if (state.headCommit(repo.id, repo.defaultBranch) === undefined) {
          return sendGitHubError(reply, 409, "Git Repository is empty.", GET_DOCS);
        }
        return sendGitHubError(reply, 422, `No commit found for SHA: ${ref}`, GET_DOCS);
      }
      const parent = commit.parentSha ? state.git.findCommit(repo.id, commit.parentSha) : undefined;
      const fullName = `${state.getAccount(repo.ownerId).login}/${repo.name}`;
      const files = changedPaths(commit, parent).map((path) =>
        renderDiffEntry({
          urls,
          fullName,
          headSha: commit.sha,
          path,
          before: parent?.files.get(path),
          after: commit.files.get(path),
        }),
      );
      const additions = files.reduce((sum, file) => sum + file.additions, 0);
      const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
      return {
        ...renderGitCommit(commit, { state, urls, fullName }),
        stats: { additions, deletions, total: additions + deletions },
        files,
      };
    },
  );
}
