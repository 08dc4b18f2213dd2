import type { FastifyInstance } from "fastify";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { resolveCommit } from "../http/resolve-commit.js";
import { renderGitTree } from "../shapes/render-git-tree.js";
import type { SimulatorContext } from "../simulator-context.js";
import { flattenGitTree, type GitTree, type GitTreeEntry } from "../state/git-tree.js";

const DOCS = "https://docs.github.com/rest/git/trees#get-a-tree";

/** GitHub's cap on the entries of one (recursive) tree answer; beyond it `truncated` is true. */
export const TREE_ENTRY_LIMIT = 100_000;

/**
 * `GET /repos/{owner}/{repo}/git/trees/{tree_sha}`: `tree_sha` may be a tree sha, a commit sha or a branch
 * name, as on GitHub. `recursive` with any value (even `0` or `false`, as GitHub documents) lists every
 * entry below; more than `TREE_ENTRY_LIMIT` entries are cut off with `truncated: true`. An empty
 * repository answers `409 Git Repository is empty.`; an unknown sha or branch `404`. At
 * `/repositories/{id}/git/trees/…` too.
 */
export function registerGitTreeRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  registerRepositoryGet(
    app,
    state,
    { path: "/git/trees/*", documentationUrl: DOCS, permission: "contents=read" },
    (repo, request, reply) => {
      const wanted = request.params["*"] ?? "";
      const { urls } = requireContext(request.github);
      if (state.headCommit(repo.id, repo.defaultBranch) === undefined) {
        return sendGitHubError(reply, 409, "Git Repository is empty.", DOCS);
      }
      let found: { trees: ReadonlyMap<string, GitTree>; tree: GitTree } | undefined;
      const commit = resolveCommit(state, repo, wanted);
      const root = commit?.trees.get("");
      if (commit && root) found = { trees: commit.trees, tree: root };
      else {
        const byTree = state.git.findTree(repo.id, wanted);
        if (byTree) found = { trees: byTree.commit.trees, tree: byTree.tree };
      }
      if (!found) return sendNotFound(reply, DOCS);
      const recursive = (request.query as Record<string, unknown>).recursive !== undefined;
      let entries: GitTreeEntry[] = recursive ? flattenGitTree(found.trees, found.tree) : found.tree.entries;
      const truncated = entries.length > TREE_ENTRY_LIMIT;
      if (truncated) entries = entries.slice(0, TREE_ENTRY_LIMIT);
      return renderGitTree({
        urls,
        fullName: `${state.getAccount(repo.ownerId).login}/${repo.name}`,
        sha: found.tree.sha,
        base: found.tree.path,
        entries,
        truncated,
      });
    },
  );
}
