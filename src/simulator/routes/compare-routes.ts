import type { components } from "@octokit/openapi-types";
import type { FastifyInstance } from "fastify";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { resolveCommit } from "../http/resolve-commit.js";
import { renderDiffEntry } from "../shapes/render-diff-entry.js";
import { renderGitCommit } from "../shapes/render-git-commit.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { GitCommitRecord } from "../state/git-history.js";

type Comparison = components["schemas"]["commit-comparison"];

const DOCS = "https://docs.github.com/rest/commits/commits#compare-two-commits";
/** GitHub lists at most 300 changed files and 250 commits in one comparison. */
const MAX_FILES = 300;
const MAX_COMMITS = 250;

/**
 * `GET /repos/{owner}/{repo}/compare/{base}...{head}` (`..` accepted too): the commits reachable from
 * head and not from base (oldest first), and the files changed between their merge base and head (the
 * three-dot diff), with `status` identical / ahead / behind / diverged. Unknown refs answer `404`. At
 * `/repositories/{id}/compare/…` too.
 */
export function registerCompareRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  registerRepositoryGet(
    app,
    state,
    { path: "/compare/*", documentationUrl: DOCS, permission: "contents=read" },
    (repo, request, reply) => {
      const basehead = request.params["*"] ?? "";
      const { urls } = requireContext(request.github);
      const match = /^(.+?)\.{2,3}(.+)$/.exec(basehead);
      if (!match) return sendNotFound(reply, DOCS);
      const [baseRef, headRef] = [match[1] as string, match[2] as string];
      const base = resolveCommit(state, repo, baseRef);
      const head = resolveCommit(state, repo, headRef);
      if (!base || !head) return sendNotFound(reply, DOCS);
      const headLine = state.git.ancestry(head.sha);
      const baseLine = state.git.ancestry(base.sha);
      const baseShas = new Set(baseLine.map((commit) => commit.sha));
      const mergeBase = headLine.find((commit) => baseShas.has(commit.sha));
      if (!mergeBase) {
        return sendGitHubError(reply, 404, `No common ancestor between ${baseRef} and ${headRef}.`, DOCS);
      }
      const aheadBy = headLine.findIndex((commit) => commit.sha === mergeBase.sha);
      const behindBy = baseLine.findIndex((commit) => commit.sha === mergeBase.sha);
      const fullName = `${state.getAccount(repo.ownerId).login}/${repo.name}`;
      const context = { state, urls, fullName };
      const web = `${urls.web}/${fullName}`;
      const pushed: GitCommitRecord[] = headLine.slice(0, aheadBy).reverse();
      const paths = [...new Set([...mergeBase.files.keys(), ...head.files.keys()])].sort();
      const files = paths
        .filter((path) => mergeBase.files.get(path) !== head.files.get(path))
        .slice(0, MAX_FILES)
        .map((path) =>
          renderDiffEntry({
            urls,
            fullName,
            headSha: head.sha,
            path,
            before: mergeBase.files.get(path),
            after: head.files.get(path),
          }),
        );
      const status =
        aheadBy === 0 && behindBy === 0
          ? "identical"
          : behindBy === 0
            ? "ahead"
            : aheadBy === 0
              ? "behind"
              : "diverged";
      const body: Comparison = {
        url: `${urls.api}/repos/${fullName}/compare/${basehead}`,
        html_url: `${web}/compare/${basehead}`,
        permalink_url: `${web}/compare/${base.sha.slice(0, 7)}...${head.sha.slice(0, 7)}`,
        diff_url: `${web}/compare/${basehead}.diff`,
        patch_url: `${web}/compare/${basehead}.patch`,
        base_commit: renderGitCommit(base, context),
        merge_base_commit: renderGitCommit(mergeBase, context),
        status,
        ahead_by: aheadBy,
        behind_by: behindBy,
        total_commits: aheadBy,
        commits: pushed.slice(0, MAX_COMMITS).map((commit) => renderGitCommit(commit, context)),
        files,
      };
      return body;
    },
  );
}
