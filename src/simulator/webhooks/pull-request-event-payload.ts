import type { ApiUrls } from "../shapes/api-urls.js";
import { renderLabel } from "../shapes/render-label.js";
import { renderPullRequest } from "../shapes/render-pull-request.js";
import type { AccountRecord } from "../state/account.js";
import type { LabelRecord } from "../state/git-ref.js";
import type { PullRequestRecord } from "../state/pull-request.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { repositoryEventEnvelope } from "./repository-event-envelope.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

/** The `pull_request` actions the control API emits. */
export type PullRequestAction =
  | "opened"
  | "edited"
  | "closed"
  | "reopened"
  | "ready_for_review"
  | "converted_to_draft"
  | "synchronize"
  | "labeled"
  | "unlabeled";

/**
 * A `pull_request` event: `action`, `number`, `changes` (edited), `before`/`after` (synchronize), `label`
 * (labeled/unlabeled), the pull request as it is after the change, and the repository-scoped fields.
 */
export function pullRequestEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: {
    action: PullRequestAction;
    pullRequest: PullRequestRecord;
    repository: RepositoryRecord;
    sender: AccountRecord;
    changes?: Record<string, { from: string | null }>;
    label?: LabelRecord;
    before?: string;
  },
): WebhookEvent {
  const fullName = `${state.getAccount(input.repository.ownerId).login}/${input.repository.name}`;
  return {
    name: "pull_request",
    action: input.action,
    payload: {
      action: input.action,
      number: input.pullRequest.number,
      ...(input.changes ? { changes: input.changes } : {}),
      ...(input.before ? { before: input.before, after: input.pullRequest.headSha } : {}),
      ...(input.label ? { label: renderLabel(input.label, fullName, urls) } : {}),
      pull_request: renderPullRequest(input.pullRequest, input.repository, state, urls),
      ...repositoryEventEnvelope(state, urls, input.repository, input.sender),
    },
  };
}
