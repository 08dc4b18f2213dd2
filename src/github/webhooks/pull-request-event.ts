/**
 * The pull-request processor (spec §5.3/§5.4): what a `pull_request` delivery means for one
 * `pull-request` resource. `closed` while the selector lists only open pull requests deletes the payload's
 * pull request; other actions re-fetch it — `GET /repos/{o}/{r}/pulls/{n}`, or with `api: graphql`
 * `repository.pullRequest(number)` in the raw shape the resync gives. `since`, `maxResults` and
 * `closedSinceDate` do not apply to live events (as in Ocean).
 *
 * Unlike Ocean, a re-fetched pull request whose state the selector does not list (an `edited` closed one
 * with `states: [open]`) is deleted rather than upserted: the next resync would not list it either.
 */
import { z } from "zod";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import { graphqlQuery } from "../client/github-graphql.js";
import type { GitHubContext } from "../github-context.js";
import { normalizeGraphQLPullRequest } from "../kinds/normalize-graphql-pull-request.js";
import { pullRequestQuery } from "../kinds/pull-request-graphql-query.js";
import { type PullRequestSelector, pullRequestSelectorSchema } from "../kinds/pull-request-selector.js";
import { withRepositoryFields } from "../kinds/repository-item-fields.js";
import { readRepositoryItemDelivery } from "./repository-item-delivery.js";
import { parsePayload } from "./repository-scoped-event.js";

/** The `pull_request` actions processed (the seed's list plus `labeled`/`unlabeled`, as Ocean does). */
export const pullRequestEventActions = [
  "opened",
  "edited",
  "ready_for_review",
  "reopened",
  "synchronize",
  "unassigned",
  "review_request_removed",
  "closed",
  "labeled",
  "unlabeled",
] as const;

const payloadSchema = z.looseObject({
  pull_request: z.looseObject({ number: z.number().int().positive(), state: z.string() }),
});

export async function handlePullRequestEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  if (event.name !== "pull_request") return null;
  const action = String(event.payload.action ?? "");
  if (!(pullRequestEventActions as readonly string[]).includes(action)) return null;
  const selector = pullRequestSelectorSchema.parse(resource.selector);
  const { pull_request: payloadPull } = parsePayload(event, payloadSchema);
  const delivery = await readRepositoryItemDelivery(context, event, resource, selector.repoSearch);
  if (delivery === null) return null;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  const states = selector.states as readonly string[];
  if (action === "closed" && !states.includes("closed")) {
    changes.deleted.push(withRepositoryFields(payloadPull as RawObject, delivery));
    return changes;
  }
  const purpose = `re-reading pull request #${payloadPull.number} of ${delivery.owner}/${delivery.repository.name} for webhook delivery ${event.deliveryId}`;
  const graphql = selector.api === "graphql";
  const fresh = graphql
    ? await readByGraphQL(delivery, selector, payloadPull.number, purpose)
    : await delivery.client.getOrNull<RawObject>(
        "GET /repos/{owner}/{repo}/pulls/{pull_number}",
        { owner: delivery.owner, repo: delivery.repository.name, pull_number: payloadPull.number },
        { purpose },
      );
  // GraphQL tells merged from closed; the selector's `closed` covers both.
  const state = fresh?.state === "merged" ? "closed" : String(fresh?.state);
  if (fresh === null || !states.includes(state)) {
    changes.deleted.push(withRepositoryFields((fresh ?? payloadPull) as RawObject, delivery));
    return changes;
  }
  changes.upserted.push(withRepositoryFields(fresh, delivery, { repositoryObject: graphql }));
  return changes;
}

async function readByGraphQL(
  delivery: NonNullable<Awaited<ReturnType<typeof readRepositoryItemDelivery>>>,
  selector: PullRequestSelector,
  number: number,
  purpose: string,
): Promise<RawObject | null> {
  const data = await graphqlQuery<{ repository: { pullRequest: RawObject | null } | null }>(
    delivery.client,
    pullRequestQuery(selector),
    { owner: delivery.owner, name: String(delivery.repository.name), number },
    { purpose },
  );
  const node = data.repository?.pullRequest;
  return node ? normalizeGraphQLPullRequest(node) : null;
}
