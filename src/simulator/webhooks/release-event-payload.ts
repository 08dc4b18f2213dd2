import type { ApiUrls } from "../shapes/api-urls.js";
import { renderRelease } from "../shapes/render-release.js";
import type { AccountRecord } from "../state/account.js";
import type { ReleaseRecord } from "../state/release.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { repositoryEventEnvelope } from "./repository-event-envelope.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

/** The `release` actions the control API emits. */
export type ReleaseAction = "created" | "published" | "edited" | "deleted";

/** A `release` event: `action`, `changes` (edited), the release, the repository fields. */
export function releaseEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: {
    action: ReleaseAction;
    release: ReleaseRecord;
    repository: RepositoryRecord;
    sender: AccountRecord;
    changes?: Record<string, { from: string | null }>;
  },
): WebhookEvent {
  // The webhook's release predates REST's `immutable` and `updated_at`.
  const {
    immutable: _immutable,
    updated_at: _updatedAt,
    ...release
  } = renderRelease(input.release, input.repository, state, urls);
  return {
    name: "release",
    action: input.action,
    payload: {
      action: input.action,
      ...(input.changes ? { changes: input.changes } : {}),
      release,
      ...repositoryEventEnvelope(state, urls, input.repository, input.sender),
    },
  };
}
