import type { ApiUrls } from "../shapes/api-urls.js";
import { renderOrganizationSimple } from "../shapes/render-organization.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import type { AccountRecord } from "../state/account.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

/**
 * An `organization` event for a membership change (`member_added`, `member_removed`): `membership`
 * (url, state, role, organization_url, user), `organization`, `sender`.
 */
export function organizationMemberEventPayload(
  urls: ApiUrls,
  input: {
    action: "member_added" | "member_removed";
    organization: AccountRecord;
    member: AccountRecord;
    role: "admin" | "member";
    sender: AccountRecord;
  },
): WebhookEvent {
  const org = input.organization.login;
  return {
    name: "organization",
    action: input.action,
    payload: {
      action: input.action,
      membership: {
        url: `${urls.api}/orgs/${org}/memberships/${input.member.login}`,
        state: "active",
        role: input.role,
        organization_url: `${urls.api}/orgs/${org}`,
        user: renderSimpleUser(input.member, urls),
      },
      organization: renderOrganizationSimple(input.organization, urls),
      sender: renderSimpleUser(input.sender, urls),
    },
  };
}
