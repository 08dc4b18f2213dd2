import type { ApiUrls } from "../shapes/api-urls.js";
import { renderOrganizationSimple } from "../shapes/render-organization.js";
import { renderWebhookRepository } from "../shapes/render-repository.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import { renderWebhookTeam } from "../shapes/render-team.js";
import type { AccountRecord } from "../state/account.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { TeamRecord } from "../state/team.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

export type TeamAction = "created" | "edited" | "deleted" | "added_to_repository";

/** `changes` of an `edited` team: the previous name, description, privacy, or permissions on `repository`. */
export type TeamChanges = {
  name?: { from: string };
  description?: { from: string };
  privacy?: { from: string };
  repository?: { permissions: { from: Record<string, boolean> } };
};

/**
 * A `team` event: `team` (as it is after the change; for `deleted`, as it was), `changes` (edited),
 * `repository` (added_to_repository), `organization`, `sender`.
 */
export function teamEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: {
    action: TeamAction;
    team: TeamRecord;
    sender: AccountRecord;
    changes?: TeamChanges;
    repository?: RepositoryRecord;
  },
): WebhookEvent {
  return {
    name: "team",
    action: input.action,
    payload: {
      action: input.action,
      ...(input.changes ? { changes: input.changes } : {}),
      team: renderWebhookTeam(input.team, state, urls),
      ...(input.repository ? { repository: renderWebhookRepository(input.repository, state, urls) } : {}),
      organization: renderOrganizationSimple(state.getAccount(input.team.orgId), urls),
      sender: renderSimpleUser(input.sender, urls),
    },
  };
}
