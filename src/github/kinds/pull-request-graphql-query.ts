/**
 * The GraphQL query of the pull-request kind's `api: graphql` path (spec §4.7): Ocean's fields — the
 * five it always asks for and the optional ones, each removable with `excludeGraphqlFields` — over
 * `repository.pullRequests(states, orderBy)`, a page at a time.
 */
import type { PullRequestSelector } from "./pull-request-selector.js";

const actor = "login avatarUrl url __typename";

/** The fields every page asks for. */
export const ALWAYS_FIELDS = ["url", "id", "fullDatabaseId", "number", "title"] as const;

/** Optional field → its selection, in Ocean's order. */
export const OPTIONAL_FIELDS: Readonly<Record<string, string>> = {
  state: "state",
  locked: "locked",
  body: "body",
  createdAt: "createdAt",
  updatedAt: "updatedAt",
  closedAt: "closedAt",
  mergedAt: "mergedAt",
  isDraft: "isDraft",
  headRefName: "headRefName",
  baseRefName: "baseRefName",
  mergeable: "mergeable",
  mergeStateStatus: "mergeStateStatus",
  reviewDecision: "reviewDecision",
  authorAssociation: "authorAssociation",
  activeLockReason: "activeLockReason",
  merged: "merged",
  permalink: "permalink",
  canBeRebased: "canBeRebased",
  closed: "closed",
  maintainerCanModify: "maintainerCanModify",
  lastEditedAt: "lastEditedAt",
  additions: "additions",
  deletions: "deletions",
  changedFiles: "changedFiles",
  headRefOid: "headRefOid",
  headRef: "headRef { name target { oid } }",
  baseRef: "baseRef { name target { oid } }",
  author: `author { ${actor} }`,
  mergedBy: `mergedBy { ${actor} }`,
  mergeCommit: "mergeCommit { oid }",
  potentialMergeCommit: "potentialMergeCommit { oid }",
  assignees: "assignees(first: 10) { nodes { login avatarUrl url } }",
  reviewRequests:
    "reviewRequests(first: 10) { nodes { requestedReviewer { __typename ... on User { login avatarUrl url } ... on Team { name slug url } } } }",
  labels: "labels(first: 10) { nodes { id url name color isDefault description } }",
  milestone: "milestone { number title description dueOn url }",
  comments: "comments { totalCount }",
  reviewThreads: "reviewThreads { totalCount }",
  reviews: `reviews(first: 10) { nodes { state body createdAt author { ${actor} } } }`,
  statusCheckRollup: "statusCheckRollup { state }",
  commits: "commits { totalCount }",
  autoMergeRequest: "autoMergeRequest { enabledAt mergeMethod commitHeadline commitBody }",
};

/** `enrichWithFirstCommit` asks the first commit along with the count. */
const COMMITS_WITH_FIRST = "commits(first: 1) { totalCount nodes { commit { oid committedDate } } }";

export function pullRequestSelection(selector: PullRequestSelector): string {
  const excluded = new Set(selector.excludeGraphqlFields);
  const optional = Object.entries(OPTIONAL_FIELDS)
    .filter(([name]) => !excluded.has(name))
    .map(([name, selection]) =>
      name === "commits" && selector.enrichWithFirstCommit ? COMMITS_WITH_FIRST : selection,
    );
  return [...ALWAYS_FIELDS, ...optional].join("\n        ");
}

/** One page of a repository's pull requests in `states`, newest `orderField` first. */
export function pullRequestsQuery(selector: PullRequestSelector): string {
  return `query PullRequests($owner: String!, $name: String!, $states: [PullRequestState!], $orderField: IssueOrderField!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequests(states: $states, orderBy: { field: $orderField, direction: DESC }, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        ${pullRequestSelection(selector)}
      }
    }
  }
}`;
}

/** One pull request by number, with the same fields (a live event re-reads it). */
export function pullRequestQuery(selector: PullRequestSelector): string {
  return `query PullRequest($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      ${pullRequestSelection(selector)}
    }
  }
}`;
}
