import { nodeId } from "../../shapes/node-id.js";
import type { PullRequestRecord } from "../../state/pull-request.js";
import type { RepositoryRecord } from "../../state/repository.js";
import { paginate } from "../connection.js";
import type { GraphQLContext, TypeResolvers } from "../graphql-context.js";
import { GitHubGraphQLError } from "../graphql-error.js";
import { pullRequestState } from "./repository-resolvers.js";

/** A pull request with the repository it belongs to (its URLs and labels need it). */
export interface PullRequestSource {
  pull: PullRequestRecord;
  repository: RepositoryRecord;
}

const webUrl = ({ pull, repository }: PullRequestSource, { state, urls }: GraphQLContext) =>
  `${urls.web}/${state.getAccount(repository.ownerId).login}/${repository.name}/pull/${pull.number}`;

/** A `Ref` whose target is a commit; `__typename` lets the `GitObject` interface resolve it. */
const ref = (name: string, oid: string) => ({ name, target: { __typename: "Commit", oid } });

/**
 * `PullRequest`: the fields Ocean's GraphQL pull-request exporter reads, from the stored pull request.
 * What the simulator does not model answers as GitHub does when it is absent (no milestone, no
 * review, no status checks, no auto-merge); listing its commits is not implemented.
 */
export const pullRequestResolvers: TypeResolvers<PullRequestSource> = {
  id: ({ pull }) => nodeId("PullRequest", pull.id),
  fullDatabaseId: ({ pull }) => String(pull.id),
  databaseId: ({ pull }) => pull.id,
  number: ({ pull }) => pull.number,
  title: ({ pull }) => pull.title,
  url: (source, _args, context) => webUrl(source, context),
  permalink: (source, _args, context) => webUrl(source, context),
  resourcePath: (source, _args, context) => new URL(webUrl(source, context)).pathname,
  state: ({ pull }) => pullRequestState(pull),
  closed: ({ pull }) => pull.state === "closed",
  merged: ({ pull }) => pull.mergedAt !== null,
  locked: ({ pull }) => pull.locked,
  activeLockReason: () => null,
  isDraft: ({ pull }) => pull.draft,
  body: ({ pull }) => pull.body ?? "",
  createdAt: ({ pull }) => pull.createdAt,
  updatedAt: ({ pull }) => pull.updatedAt,
  closedAt: ({ pull }) => pull.closedAt,
  mergedAt: ({ pull }) => pull.mergedAt,
  lastEditedAt: () => null,
  headRefName: ({ pull }) => pull.headRef,
  baseRefName: ({ pull }) => pull.baseRef,
  headRefOid: ({ pull }) => pull.headSha,
  baseRefOid: ({ pull }) => pull.baseSha,
  // A merged or closed pull request's head branch may be gone; the simulator keeps it.
  headRef: ({ pull }) => ref(pull.headRef, pull.headSha),
  baseRef: ({ pull }) => ref(pull.baseRef, pull.baseSha),
  mergeable: ({ pull }) => (pull.state !== "open" ? "UNKNOWN" : pull.draft ? "CONFLICTING" : "MERGEABLE"),
  mergeStateStatus: ({ pull }) => (pull.state !== "open" ? "UNKNOWN" : pull.draft ? "DRAFT" : "CLEAN"),
  canBeRebased: ({ pull }) => pull.state === "open" && !pull.draft,
  maintainerCanModify: () => false,
  reviewDecision: () => null,
  authorAssociation: ({ pull, repository }) => (pull.authorId === repository.ownerId ? "OWNER" : "MEMBER"),
  additions: ({ pull }) => pull.additions,
  deletions: ({ pull }) => pull.deletions,
  changedFiles: ({ pull }) => pull.changedFiles,
  author: ({ pull }, _args, { state }) => state.getAccount(pull.authorId),
  mergedBy: ({ pull }, _args, { state }) =>
    pull.mergedById === null ? null : state.getAccount(pull.mergedById),
  mergeCommit: ({ pull }) =>
    pull.mergeCommitSha === null ? null : { __typename: "Commit", oid: pull.mergeCommitSha },
  potentialMergeCommit: ({ pull }) =>
    pull.state === "open" && pull.mergeCommitSha !== null
      ? { __typename: "Commit", oid: pull.mergeCommitSha }
      : null,
  assignees: ({ pull }, args, { state }) =>
    paginate(
      pull.assigneeIds,
      args,
      "assignees",
      (id) => state.getAccount(id),
      () => ({}),
    ),
  reviewRequests: ({ pull }, args, { state }) =>
    paginate(
      pull.requestedReviewerIds,
      args,
      "reviewRequests",
      (id) => ({ requestedReviewer: state.getAccount(id), asCodeOwner: false }),
      () => ({}),
    ),
  labels: ({ pull, repository }, args, { state, urls }) => {
    const owner = state.getAccount(repository.ownerId).login;
    const labels = pull.labels.flatMap((name) => {
      const label = state.activity.label(repository.id, name);
      return label ? [label] : [];
    });
    return paginate(
      labels,
      args,
      "labels",
      (label) => ({
        id: nodeId("Label", label.id),
        url: `${urls.web}/${owner}/${repository.name}/labels/${encodeURIComponent(label.name)}`,
        name: label.name,
        color: label.color,
        isDefault: label.isDefault,
        description: label.description,
      }),
      () => ({}),
    );
  },
  milestone: () => null,
  comments: ({ pull }) => ({ totalCount: pull.comments }),
  reviewThreads: ({ pull }) => ({ totalCount: pull.reviewComments }),
  reviews: (_source, args) =>
    paginate(
      [],
      args,
      "reviews",
      () => ({}),
      () => ({}),
    ),
  statusCheckRollup: () => null,
  autoMergeRequest: () => null,
  commits: ({ pull }, args) => {
    if (args.first !== undefined || args.last !== undefined) {
      throw new GitHubGraphQLError(
        "NOT_IMPLEMENTED",
        "The GitHub simulator does not list a pull request's commits, only their `totalCount`.",
      );
    }
    return { totalCount: pull.commits };
  },
};
