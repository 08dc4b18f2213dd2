/**
 * The `user` processor (spec §5.3): `organization` `member_added` re-reads the member with the resync's
 * GraphQL fields (and SAML email) and upserts it; `member_removed` deletes it. The delete object carries
 * the identifiers a resync gives (`login`, `id` = node id, `databaseId`), built from `membership.user`.
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
import { applySamlEmail, lazySamlEmails, needsSamlEmails } from "../kinds/saml-emails.js";
import { userQuery, userSelectorSchema } from "../kinds/user.js";
import { authenticatorForDelivery } from "./delivery-authenticator.js";
import { parsePayload } from "./repository-scoped-event.js";

export const organizationMemberActions = ["member_added", "member_removed"] as const;

const payloadSchema = z.looseObject({
  action: z.enum(organizationMemberActions),
  membership: z.looseObject({
    user: z.looseObject({
      login: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "is not a GitHub login"),
      id: z.number(),
      node_id: z.string(),
    }),
  }),
  organization: z.looseObject({ login: z.string() }),
});

export async function handleOrganizationMemberEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  if (
    event.name !== "organization" ||
    !(organizationMemberActions as readonly string[]).includes(String(event.payload.action))
  ) {
    return null;
  }
  const payload = parsePayload(event, payloadSchema);
  const organization = payload.organization.login;
  const authenticator = await authenticatorForDelivery(
    context,
    event,
    { login: organization, personal: false },
    resource.mappingOptions,
  );
  if (authenticator === undefined) return null;
  const member = payload.membership.user;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  if (payload.action === "member_removed") {
    changes.deleted.push({ login: member.login, id: member.node_id, databaseId: member.id });
    return changes;
  }
  const selector = userSelectorSchema.parse(resource.selector);
  const data = await graphqlQuery<{ user: RawObject | null }>(
    authenticator.client,
    userQuery,
    { login: member.login },
    { purpose: `re-reading user ${member.login} for webhook delivery ${event.deliveryId}` },
  );
  if (data.user === null) {
    // The account is gone since the delivery (deleted or renamed): what the resync would not list.
    changes.deleted.push({ login: member.login, id: member.node_id, databaseId: member.id });
    return changes;
  }
  let user = data.user;
  if (needsSamlEmails([user], selector.includeSAMLEmail)) {
    const emails = await lazySamlEmails(
      authenticator.client,
      organization,
      {},
      {
        required: selector.includeSAMLEmail,
        onSkipped: (error) =>
          context.logger.warn(
            { organization, err: error },
            "SAML identities unreadable; the member keeps no email",
          ),
      },
    )();
    user = applySamlEmail(user, emails, selector.includeSAMLEmail);
  }
  changes.upserted.push(user);
  return changes;
}
