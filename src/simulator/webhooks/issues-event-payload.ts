import type { ApiUrls } from "../shapes/api-urls.js";
import { renderIssue } from "../shapes/render-issue.js";
import { renderIssueType } from "../shapes/render-issue-type.js";
import { renderLabel } from "../shapes/render-label.js";
import type { AccountRecord } from "../state/account.js";
import type { LabelRecord } from "../state/git-ref.js";
import type { IssueRecord } from "../state/issue.js";
import type { IssueTypeRecord } from "../state/issue-type.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { repositoryEventEnvelope } from "./repository-event-envelope.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

/** The `issues` actions the control API emits. */
export type IssuesAction =
  | "opened"
  | "edited"
  | "closed"
  | "reopened"
  | "labeled"
  | "unlabeled"
  | "typed"
  | "untyped"
  | "deleted";

/**
 * An `issues` event: `action`, `changes` (edited), `label` (labeled/unlabeled), `type` (typed: the type
 * set; untyped: the type removed), the issue, the repository fields.
 */
export function issuesEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: {
    action: IssuesAction;
    issue: IssueRecord;
    repository: RepositoryRecord;
    sender: AccountRecord;
    changes?: Record<string, { from: string | null }>;
    label?: LabelRecord;
    type?: IssueTypeRecord;
  },
): WebhookEvent {
  const fullName = `${state.getAccount(input.repository.ownerId).login}/${input.repository.name}`;
  // The webhook's issue has no `closed_by` (the REST issue does).
  const { closed_by: _closedBy, ...issue } = renderIssue(input.issue, input.repository, state, urls);
  return {
    name: "issues",
    action: input.action,
    payload: {
      action: input.action,
      ...(input.changes ? { changes: input.changes } : {}),
      ...(input.label ? { label: renderLabel(input.label, fullName, urls) } : {}),
      issue,
      ...(input.type ? { type: renderIssueType(input.type) } : {}),
      ...repositoryEventEnvelope(state, urls, input.repository, input.sender),
    },
  };
}
