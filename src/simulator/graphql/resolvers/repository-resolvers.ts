import { nodeId } from "../../shapes/node-id.js";
import type { PullRequestRecord } from "../../state/pull-request.js";
import type { RepositoryRecord } from "../../state/repository.js";
import { paginate } from "../connection.js";
import type { TypeResolvers } from "../graphql-context.js";
import { GitHubGraphQLError } from "../graphql-error.js";
import { repositoryObject } from "./git-object-resolvers.js";
import type { PullRequestSource } from "./pull-request-resolvers.js";

/** GraphQL `PullRequestState` of a stored pull request. */
export function pullRequestState(pull: PullRequestRecord): "OPEN" | "CLOSED" | "MERGED" {
  if (pull.mergedAt !== null) return "MERGED";
  return pull.state === "open" ? "OPEN" : "CLOSED";
}

const ORDER_FIELDS: Readonly<Record<string, (pull: PullRequestRecord) => string>> = {
  CREATED_AT: (pull) => pull.createdAt,
  UPDATED_AT: (pull) => pull.updatedAt,
};

/**
 * `Repository`: its identity, `pullRequest(number)` and `pullRequests(states, orderBy, first/after…)`; without `orderBy`,
 * GitHub orders by creation, oldest first. `object(expression: "<rev>:<path>")` is a `Blob` or a `Tree`
 * (see `git-object-resolvers.ts`).
 */
export const repositoryResolvers: TypeResolvers<RepositoryRecord> = {
  id: (repository) => nodeId("Repository", repository.id),
  databaseId: (repository) => repository.id,
  name: (repository) => repository.name,
  nameWithOwner: (repository, _args, { state }) =>
    `${state.getAccount(repository.ownerId).login}/${repository.name}`,
  url: (repository, _args, { state, urls }) =>
    `${urls.web}/${state.getAccount(repository.ownerId).login}/${repository.name}`,
  object: (repository, args, context) => repositoryObject(repository, args, context),
  pullRequest: (repository, args, { state }): PullRequestSource => {
    const pull = state.activity.pullRequest(repository.id, Number(args.number));
    if (!pull) {
      throw new GitHubGraphQLError(
        "NOT_FOUND",
        `Could not resolve to a PullRequest with the number of ${String(args.number)}.`,
      );
    }
    return { pull, repository };
  },
  pullRequests: (repository, args, { state }) => {
    const states = (args.states as string[] | null | undefined) ?? null;
    const order = args.orderBy as { field: string; direction: "ASC" | "DESC" } | null | undefined;
    const key = ORDER_FIELDS[order?.field ?? "CREATED_AT"] ?? ORDER_FIELDS.CREATED_AT;
    const sign = order?.direction === "DESC" ? -1 : 1;
    const pulls = state.activity
      .pullRequestsOf(repository.id)
      .filter((pull) => states === null || states.includes(pullRequestState(pull)))
      .sort((a, b) => sign * ((key?.(a) ?? "").localeCompare(key?.(b) ?? "") || a.number - b.number));
    return paginate<PullRequestRecord, PullRequestSource, object>(
      pulls,
      args,
      "pullRequests",
      (pull) => ({ pull, repository }),
      () => ({}),
    );
  },
};
