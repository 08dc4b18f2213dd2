import type { ApiUrls } from "../shapes/api-urls.js";
import { renderOrganizationSimple } from "../shapes/render-organization.js";
import { renderWebhookRepository } from "../shapes/render-repository.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import type { AccountRecord } from "../state/account.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

/** `changes` of a `member` event: the granted role (added) or the previous one (edited). */
export type MemberChanges = { permission: { to: "write" | "admin" } } | { old_permission: { from: string } };

/** A `member` event (`added`, `edited`, `removed`): a collaborator of `repository` and what changed. */
export function memberEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: {
    action: "added" | "edited" | "removed";
    repository: RepositoryRecord;
    member: AccountRecord;
    sender: AccountRecord;
    changes?: MemberChanges;
  },
): WebhookEvent {
  const owner = state.getAccount(input.repository.ownerId);
  return {
    name: "member",
    action: input.action,
    payload: {
      action: input.action,
      ...(input.changes ? { changes: input.changes } : {}),
      member: renderSimpleUser(input.member, urls),
      repository: renderWebhookRepository(input.repository, state, urls),
      ...(owner.type === "Organization" ? { organization: renderOrganizationSimple(owner, urls) } : {}),
      sender: renderSimpleUser(input.sender, urls),
    },
  };
}
