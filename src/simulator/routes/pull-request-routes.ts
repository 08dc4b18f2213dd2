import type { FastifyInstance } from "fastify";
import { sendNotFound } from "../http/github-error.js";
import { linkHeader, readPageRequest, slicePage } from "../http/pagination.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { renderPullRequest, renderPullRequestSimple } from "../shapes/render-pull-request.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { PullRequestRecord } from "../state/pull-request.js";

const LIST_DOCS = "https://docs.github.com/rest/pulls/pulls#list-pull-requests";
const GET_DOCS = "https://docs.github.com/rest/pulls/pulls#get-a-pull-request";

const SORT_KEYS: Record<string, (pull: PullRequestRecord) => string | number> = {
  created: (pull) => pull.createdAt,
  updated: (pull) => pull.updatedAt,
  popularity: (pull) => pull.comments,
  // Long-running: open the longest, i.e. oldest creation first when descending.
  "long-running": (pull) => -Date.parse(pull.createdAt),
};

/** `GET /repos/{o}/{r}/pulls` (state, head, base, sort, direction, pagination) and `GET …/pulls/{n}`. */
export function registerPullRequestRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  registerRepositoryGet(
    app,
    state,
    { path: "/pulls", documentationUrl: LIST_DOCS, permission: "pull_requests=read" },
    async (repo, request, reply) => {
      const { urls } = requireContext(request.github);
      const query = request.query as Record<string, string>;
      const wanted = query.state === "closed" || query.state === "all" ? query.state : "open";
      const sort = query.sort && query.sort in SORT_KEYS ? query.sort : "created";
      // GitHub: descending by default for `created` (or no sort), ascending otherwise.
      const direction =
        query.direction === "asc" || query.direction === "desc"
          ? query.direction
          : sort === "created"
            ? "desc"
            : "asc";
      const key = SORT_KEYS[sort] as (pull: PullRequestRecord) => string | number;
      const owner = state.getAccount(repo.ownerId).login;
      const pulls = state.activity
        .pullRequestsOf(repo.id)
        .filter((pull) => wanted === "all" || pull.state === wanted)
        .filter((pull) => !query.base || pull.baseRef === query.base)
        .filter(
          (pull) => !query.head || `${owner}:${pull.headRef}`.toLowerCase() === query.head.toLowerCase(),
        )
        .sort((a, b) => {
          const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number;
          return direction === "asc" ? order : -order;
        });
      const pageRequest = readPageRequest(query);
      const page = slicePage(pulls, pageRequest);
      const link = linkHeader(
        `${urls.api}/repositories/${repo.id}/pulls`,
        new URLSearchParams(query),
        pageRequest.page,
        page.lastPage,
      );
      if (link) reply.header("link", link);
      return page.items.map((pull) => renderPullRequestSimple(pull, repo, state, urls));
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/pulls/:number", documentationUrl: GET_DOCS, permission: "pull_requests=read" },
    async (repo, request, reply) => {
      const number = /^\d+$/.test(request.params.number ?? "") ? Number(request.params.number) : Number.NaN;
      const pull = state.activity.pullRequest(repo.id, number);
      if (!pull) return sendNotFound(reply, GET_DOCS);
      return renderPullRequest(pull, repo, state, requireContext(request.github).urls);
    },
  );
}
