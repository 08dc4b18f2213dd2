/**
 * A GraphQL pull request node in the raw shape of Ocean's GraphQL exporter (spec §4.7): node lists
 * instead of connections, counts instead of `{totalCount}`, `requested_reviewers` as REST names them,
 * lower-case `state` and `mergeable_state`, boolean `mergeable`, `firstCommit`; other fields stay camelCase.
 */
import type { RawObject } from "../../engine/integration/integration.js";

type Connection = { nodes?: unknown[]; totalCount?: number } | null | undefined;

const nodesOf = (value: unknown) => ((value as Connection)?.nodes ?? []) as RawObject[];
const countOf = (value: unknown) => (value as Connection)?.totalCount ?? 0;

function requestedReviewer(request: RawObject): RawObject | null {
  const reviewer = request.requestedReviewer as RawObject | null | undefined;
  if (!reviewer) return null;
  if (reviewer.__typename === "Team") return { name: reviewer.name, slug: reviewer.slug, type: "Team" };
  return { login: reviewer.login, type: "User" };
}

export function normalizeGraphQLPullRequest(node: RawObject): RawObject {
  const raw: RawObject = { ...node };
  if ("assignees" in node) raw.assignees = nodesOf(node.assignees);
  if ("labels" in node) raw.labels = nodesOf(node.labels);
  if ("reviewRequests" in node) {
    const requests = nodesOf(node.reviewRequests);
    raw.reviewRequests = requests;
    raw.requested_reviewers = requests.flatMap((request) => requestedReviewer(request) ?? []);
  }
  if ("comments" in node) raw.comments = countOf(node.comments);
  if ("reviewThreads" in node) {
    raw.review_comments = countOf(node.reviewThreads);
    delete raw.reviewThreads;
  }
  if ("commits" in node) {
    const first = nodesOf(node.commits)[0] as { commit?: unknown } | undefined;
    if (first) raw.firstCommit = first.commit ?? null;
    raw.commits = countOf(node.commits);
  }
  if (typeof node.state === "string") raw.state = node.state.toLowerCase();
  if ("mergeStateStatus" in node) {
    raw.mergeable_state =
      typeof node.mergeStateStatus === "string" ? node.mergeStateStatus.toLowerCase() : null;
  }
  if ("mergeable" in node) raw.mergeable = node.mergeable === "MERGEABLE";
  return raw;
}
