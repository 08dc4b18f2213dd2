import type { ApiUrls } from "../shapes/api-urls.js";
import { renderWorkflow } from "../shapes/render-workflow.js";
import { renderWorkflowRun } from "../shapes/render-workflow-run.js";
import type { AccountRecord } from "../state/account.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { WorkflowRunRecord } from "../state/workflow.js";
import { repositoryEventEnvelope } from "./repository-event-envelope.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

export type WorkflowRunAction = "requested" | "in_progress" | "completed";

/** A `workflow_run` event: `action`, `workflow_run` (as the REST API renders it), `workflow`, repository, sender. */
export function workflowRunEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: { action: WorkflowRunAction; run: WorkflowRunRecord; sender: AccountRecord },
): WebhookEvent {
  const repository = state.getRepository(input.run.repositoryId);
  const workflow = state.actions.findWorkflow(input.run.repositoryId, String(input.run.workflowId));
  if (!repository || !workflow)
    throw new Error(`simulator state has no repository or workflow of run ${input.run.id}`);
  return {
    name: "workflow_run",
    action: input.action,
    payload: {
      action: input.action,
      workflow_run: renderWorkflowRun(input.run, state, urls),
      workflow: renderWorkflow(workflow, state, urls),
      ...repositoryEventEnvelope(state, urls, repository, input.sender),
    },
  };
}
