import type { FastifyInstance } from "fastify";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { requireContext } from "../http/request-context.js";
import { resolveRepository } from "../http/resolve-repository.js";
import { renderCommit, renderCommitComparison } from "../shapes/render-commit.js";
import type { SimulatorContext } from "../simulator-context.js";

const COMMIT_DOCS = "https://docs.github.com/rest/commits/commits#get-a-commit";
const COMPARE_DOCS = "https://docs.github.com/rest/commits/commits#compare-two-commits";

interface RepoParams {
  owner: string;
  repo: string;
}

/**
 * Commits of the default-branch history: `GET /repos/{o}/{r}/commits/{sha}` (GitHub's 422 "No commit
 * found for SHA" for an unknown one) and `GET /repos/{o}/{r}/compare/{base}...{head}` (404 when either
 * is unknown).
 */
export function registerCommitsRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  app.get<{ Params: RepoParams & { ref: string } }>(
    "/repos/:owner/:repo/commits/:ref",
    { config: { acceptedScopes: ["repo"] } },
    async (request, reply) => {
      const { ref, ...params } = request.params;
      const repo = resolveRepository(state, request, reply, {
        ...params,
        rest: `/commits/${ref}`,
        documentationUrl: COMMIT_DOCS,
      });
      if (!repo) return reply;
      const commit = state.commits.find(repo.id, ref);
      if (!commit) return sendGitHubError(reply, 422, `No commit found for SHA: ${ref}`, COMMIT_DOCS);
      return renderCommit(commit, state, requireContext(request.github).urls);
    },
  );

  app.get<{ Params: RepoParams & { basehead: string } }>(
    "/repos/:owner/:repo/compare/:basehead",
    { config: { acceptedScopes: ["repo"] } },
    async (request, reply) => {
      const { basehead, ...params } = request.params;
      const repo = resolveRepository(state, request, reply, {
        ...params,
        rest: `/compare/${basehead}`,
        documentationUrl: COMPARE_DOCS,
      });
      if (!repo) return reply;
      const [baseSha = "", headSha = ""] = basehead.split("...");
      const base = state.commits.find(repo.id, baseSha);
      const head = state.commits.find(repo.id, headSha);
      const comparison = state.commits.compare(repo.id, baseSha, headSha);
      if (!base || !head || !comparison) return sendNotFound(reply, COMPARE_DOCS);
      return renderCommitComparison({ base, head, comparison }, state, requireContext(request.github).urls);
    },
  );
}
