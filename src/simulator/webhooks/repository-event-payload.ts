import type { ApiUrls } from "../shapes/api-urls.js";
import { renderOrganizationSimple } from "../shapes/render-organization.js";
import { renderWebhookRepository } from "../shapes/render-repository.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import type { AccountRecord } from "../state/account.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

/** The actions of GitHub's `repository` webhook event this slice emits. */
export type RepositoryAction =
  | "created"
  | "deleted"
  | "renamed"
  | "edited"
  | "archived"
  | "unarchived"
  | "privatized"
  | "publicized";

/** `changes` as GitHub sends it for `renamed` and `edited`. */
export type RepositoryChanges =
  | { repository: { name: { from: string } } }
  | {
      description?: { from: string | null };
      default_branch?: { from: string };
      homepage?: { from: string | null };
      topics?: { from: string[] };
    };

/**
 * A `repository` event: `action`, `changes` (renamed/edited), `repository` (webhook shape, as it is after
 * the change; for `deleted`, as it was), `organization` (organization-simple) and `sender` (simple-user).
 */
export function repositoryEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: {
    action: RepositoryAction;
    repository: RepositoryRecord;
    sender: AccountRecord;
    changes?: RepositoryChanges;
  },
): WebhookEvent {
  const owner = state.getAccount(input.repository.ownerId);
  return {
    name: "repository",
    action: input.action,
    payload: {
      action: input.action,
      ...(input.changes ? { changes: input.changes } : {}),
      repository: renderWebhookRepository(input.repository, state, urls),
      ...(owner.type === "Organization" ? { organization: renderOrganizationSimple(owner, urls) } : {}),
      sender: renderSimpleUser(input.sender, urls),
    },
  };
}
