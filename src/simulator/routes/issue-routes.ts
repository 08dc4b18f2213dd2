import type { FastifyInstance } from "fastify";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { linkHeader, readPageRequest, slicePage } from "../http/pagination.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { type Issue, renderIssue, renderPullRequestAsIssue } from "../shapes/render-issue.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { IssueRecord } from "../state/issue.js";
import type { PullRequestRecord } from "../state/pull-request.js";

const LIST_DOCS = "https://docs.github.com/rest/issues/issues#list-repository-issues";
const GET_DOCS = "https://docs.github.com/rest/issues/issues#get-an-issue";

type Entry = IssueRecord | PullRequestRecord;

const SORT_KEYS: Record<string, (entry: Entry) => string | number> = {
  created: (entry) => entry.createdAt,
  updated: (entry) => entry.updatedAt,
  comments: (entry) => entry.comments,
};

/**
 * `GET /repos/{o}/{r}/issues` (state, labels — all of them, case-insensitive —, since, sort, direction,
 * pagination) and `GET …/issues/{n}`. Like GitHub, both answer pull requests too, as issues with a
 * `pull_request` key.
 */
export function registerIssueRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  registerRepositoryGet(
    app,
    state,
    { path: "/issues", documentationUrl: LIST_DOCS, permission: "issues=read" },
    async (repo, request, reply) => {
      const { urls } = requireContext(request.github);
      const query = request.query as Record<string, string>;
      const wanted = query.state === "closed" || query.state === "all" ? query.state : "open";
      const labels = (query.labels ?? "")
        .split(",")
        .map((label) => label.trim().toLowerCase())
        .filter((label) => label !== "");
      const since = query.since ? Date.parse(query.since) : Number.NaN;
      const sort = query.sort && query.sort in SORT_KEYS ? query.sort : "created";
      const direction = query.direction === "asc" ? "asc" : "desc";
      const key = SORT_KEYS[sort] as (entry: Entry) => string | number;
      const entries: Entry[] = [
        ...state.activity.issuesOf(repo.id),
        ...state.activity.pullRequestsOf(repo.id),
      ];
      const kept = entries
        .filter((entry) => wanted === "all" || entry.state === wanted)
        .filter((entry) => {
          const names = new Set(entry.labels.map((label) => label.toLowerCase()));
          return labels.every((label) => names.has(label));
        })
        .filter((entry) => Number.isNaN(since) || Date.parse(entry.updatedAt) >= since)
        .sort((a, b) => {
          const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number;
          return direction === "asc" ? order : -order;
        });
      const pageRequest = readPageRequest(query);
      const page = slicePage(kept, pageRequest);
      const link = linkHeader(
        `${urls.api}/repositories/${repo.id}/issues`,
        new URLSearchParams(query),
        pageRequest.page,
        page.lastPage,
      );
      if (link) reply.header("link", link);
      return page.items.map(
        (entry): Issue =>
          "headRef" in entry
            ? renderPullRequestAsIssue(entry, repo, state, urls)
            : renderIssue(entry, repo, state, urls),
      );
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/issues/:number", documentationUrl: GET_DOCS, permission: "issues=read" },
    async (repo, request, reply) => {
      const { urls } = requireContext(request.github);
      const number = /^\d+$/.test(request.params.number ?? "") ? Number(request.params.number) : Number.NaN;
      const issue = state.activity.issue(repo.id, number);
      if (issue) return renderIssue(issue, repo, state, urls);
      const pull = state.activity.pullRequest(repo.id, number);
      if (pull) return renderPullRequestAsIssue(pull, repo, state, urls);
      if (state.activity.isDeletedIssue(repo.id, number)) {
        return sendGitHubError(reply, 410, "This issue was deleted", GET_DOCS);
      }
      return sendNotFound(reply, GET_DOCS);
    },
  );
}
