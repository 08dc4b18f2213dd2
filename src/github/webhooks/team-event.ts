/**
 * The `team` processors (spec §5.3) for the `team` kind:
 *
 * - `team` `created` / `edited` re-read `GET /orgs/{o}/teams/{slug}` and enrich it as the resync does; a
 *   404 on that re-read deletes the team. An `edited` rename also deletes the entity of the old slug
 *   (GitHub re-slugs a renamed team): the payload team with the old name and slug, without `id`/`node_id`,
 *   which the renamed team keeps.
 * - `team` `deleted` deletes the payload team (with its REST `id`, as the resync lists it; Ocean swaps
 *   in the node id when `members` is on, so a mapping keyed on `.id` missed the delete).
 * - `membership` `added` / `removed` re-read the team the same way (a membership delivery of a deleted
 *   team carries no slug: the `team` `deleted` delivery already removed it) (Ocean upserts a GraphQL-only object
 *   there, with other `id`, `privacy` and `url` values than its resync); nothing when `members` is off.
 */
import { z } from "zod";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { enrichTeam } from "../kinds/enrich-team.js";
import { lazySamlEmails } from "../kinds/saml-emails.js";
import { teamSelectorSchema } from "../kinds/team-selector.js";
import { authenticatorForDelivery } from "./delivery-authenticator.js";
import { parsePayload } from "./repository-scoped-event.js";

export const teamEventActions = ["created", "edited", "deleted"] as const;
export const membershipEventActions = ["added", "removed"] as const;

const teamSchema = z.looseObject({
  id: z.number(),
  slug: z.string().regex(/^[A-Za-z0-9_:.-]+$/, "is not a team slug"),
  name: z.string(),
});

const payloadSchema = z.looseObject({
  action: z.string(),
  team: teamSchema,
  organization: z.looseObject({ login: z.string() }),
  changes: z.looseObject({ name: z.looseObject({ from: z.string() }).optional() }).nullish(),
});

export async function handleTeamEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  const action = String(event.payload.action);
  const relevant =
    (event.name === "team" && (teamEventActions as readonly string[]).includes(action)) ||
    (event.name === "membership" && (membershipEventActions as readonly string[]).includes(action));
  if (!relevant) return null;
  const selector = teamSelectorSchema.parse(resource.selector);
  if (event.name === "membership" && !selector.members) return null;
  if (event.name === "membership" && !hasTeamSlug(event)) return null;
  const payload = parsePayload(event, payloadSchema);
  const organization = payload.organization.login;
  const authenticator = await authenticatorForDelivery(
    context,
    event,
    { login: organization, personal: false },
    resource.mappingOptions,
  );
  if (authenticator === undefined) return null;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  const payloadTeam: RawObject = { ...payload.team, __organization: organization };
  if (event.name === "team" && action === "deleted") {
    changes.deleted.push(payloadTeam);
    return changes;
  }
  const renamedFrom = event.name === "team" ? payload.changes?.name?.from : undefined;
  if (renamedFrom !== undefined) {
    const { id: _id, node_id: _nodeId, ...rest } = payloadTeam;
    const oldSlug = githubTeamSlug(renamedFrom);
    if (oldSlug !== payload.team.slug) changes.deleted.push({ ...rest, name: renamedFrom, slug: oldSlug });
  }
  const { client } = authenticator;
  const fresh = await client.getOrNull<RawObject>(
    "GET /orgs/{org}/teams/{team_slug}",
    { org: organization, team_slug: payload.team.slug },
    {
      purpose: `re-reading team ${organization}/${payload.team.slug} for webhook delivery ${event.deliveryId}`,
    },
  );
  if (fresh === null) {
    changes.deleted.push(payloadTeam);
    return changes;
  }
  const samlEmails = lazySamlEmails(
    client,
    organization,
    {},
    {
      required: selector.includeSAMLEmail,
      onSkipped: (error) =>
        context.logger.warn(
          { organization, err: error },
          "SAML identities unreadable; team members keep their emails",
        ),
    },
  );
  changes.upserted.push(await enrichTeam(client, fresh, { selector, organization, samlEmails }, {}));
  return changes;
}

/** GitHub's slug of a team name: lower case, runs of other characters as one `-`, none at the ends. */
export function githubTeamSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** GitHub sends `membership` `removed` for each member of a deleted team with only `{id, name, deleted}`. */
export function hasTeamSlug(event: LiveEvent): boolean {
  const team = event.payload.team as { slug?: unknown } | undefined;
  return typeof team?.slug === "string";
}
