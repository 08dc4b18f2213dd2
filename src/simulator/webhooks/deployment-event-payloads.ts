import type { ApiUrls } from "../shapes/api-urls.js";
import { renderDeployment, renderDeploymentStatus } from "../shapes/render-deployment.js";
import type { AccountRecord } from "../state/account.js";
import type { DeploymentRecord, DeploymentStatusRecord } from "../state/deployment.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { repositoryEventEnvelope } from "./repository-event-envelope.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

function repositoryOf(state: SimulatorState, deployment: DeploymentRecord) {
  const repository = state.getRepository(deployment.repositoryId);
  if (!repository) throw new Error(`simulator state has no repository ${deployment.repositoryId}`);
  return repository;
}

/** A `deployment` event (`created`); `workflow` / `workflow_run` are null for deployments made through the API. */
export function deploymentEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: { deployment: DeploymentRecord; sender: AccountRecord },
): WebhookEvent {
  return {
    name: "deployment",
    action: "created",
    payload: {
      action: "created",
      deployment: renderDeployment(input.deployment, state, urls),
      workflow: null,
      workflow_run: null,
      ...repositoryEventEnvelope(state, urls, repositoryOf(state, input.deployment), input.sender),
    },
  };
}

/** A `deployment_status` event (`created`): the new status and its deployment. */
export function deploymentStatusEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: { status: DeploymentStatusRecord; deployment: DeploymentRecord; sender: AccountRecord },
): WebhookEvent {
  return {
    name: "deployment_status",
    action: "created",
    payload: {
      action: "created",
      deployment_status: renderDeploymentStatus(input.status, input.deployment, state, urls),
      deployment: renderDeployment(input.deployment, state, urls),
      ...repositoryEventEnvelope(state, urls, repositoryOf(state, input.deployment), input.sender),
    },
  };
}
