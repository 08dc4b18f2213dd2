import type { ApiUrls } from "../shapes/api-urls.js";
import { renderOrganizationSimple } from "../shapes/render-organization.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import { renderWebhookTeam } from "../shapes/render-team.js";
import type { AccountRecord } from "../state/account.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { TeamRecord } from "../state/team.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

/** A `membership` event (`added`, `removed`): `scope: "team"`, `member`, `team`, `organization`, `sender`. */
export function membershipEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: { action: "added" | "removed"; team: TeamRecord; member: AccountRecord; sender: AccountRecord },
): WebhookEvent {
  return {
    name: "membership",
    action: input.action,
    payload: {
      action: input.action,
      scope: "team",
      member: renderSimpleUser(input.member, urls),
      sender: renderSimpleUser(input.sender, urls),
      team: renderWebhookTeam(input.team, state, urls),
      organization: renderOrganizationSimple(state.getAccount(input.team.orgId), urls),
    },
  };
}
