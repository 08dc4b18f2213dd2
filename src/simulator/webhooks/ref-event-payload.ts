import type { ApiUrls } from "../shapes/api-urls.js";
import type { AccountRecord } from "../state/account.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { repositoryEventEnvelope } from "./repository-event-envelope.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

/**
 * A `create` or `delete` event for a branch or tag: `ref` is the short name (`main`, `v1.0.0`), as GitHub
 * sends it; `create` adds `master_branch` and `description`.
 */
export function refEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: {
    name: "create" | "delete";
    ref: string;
    refType: "branch" | "tag";
    repository: RepositoryRecord;
    sender: AccountRecord;
  },
): WebhookEvent {
  return {
    name: input.name,
    action: null,
    payload: {
      ref: input.ref,
      ref_type: input.refType,
      ...(input.name === "create"
        ? { master_branch: input.repository.defaultBranch, description: input.repository.description }
        : {}),
      pusher_type: "user",
      ...repositoryEventEnvelope(state, urls, input.repository, input.sender),
    },
  };
}
