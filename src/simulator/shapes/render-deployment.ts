import type { components } from "@octokit/openapi-types";
import type { DeploymentRecord, DeploymentStatusRecord } from "../state/deployment.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { renderSimpleUser } from "./render-simple-user.js";
import { typedNodeId } from "./typed-node-id.js";

export type Deployment = components["schemas"]["deployment"];
export type DeploymentStatus = components["schemas"]["deployment-status"];

function repositoryApi(repositoryId: number, state: SimulatorState, urls: ApiUrls): string {
  const repository = state.getRepository(repositoryId);
  if (!repository) throw new Error(`simulator state has no repository ${repositoryId}`);
  return `${urls.api}/repos/${state.getAccount(repository.ownerId).login}/${repository.name}`;
}

/** `deployment`: `GET /repos/{o}/{r}/deployments[/{id}]` and the `deployment` of deployment events. */
export function renderDeployment(deployment: DeploymentRecord, state: SimulatorState, urls: ApiUrls) {
  const api = repositoryApi(deployment.repositoryId, state, urls);
  const url = `${api}/deployments/${deployment.id}`;
  return {
    url,
    id: deployment.id,
    node_id: typedNodeId("DE", deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: {},
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: deployment.description,
    creator: renderSimpleUser(state.getAccount(deployment.creatorId), urls),
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    statuses_url: `${url}/statuses`,
    repository_url: api,
    transient_environment: deployment.transientEnvironment,
    production_environment: deployment.productionEnvironment,
  } satisfies Deployment;
}

/** `deployment-status`: `GET /repos/{o}/{r}/deployments/{id}/statuses[/{status_id}]` and status events. */
export function renderDeploymentStatus(
  status: DeploymentStatusRecord,
  deployment: DeploymentRecord,
  state: SimulatorState,
  urls: ApiUrls,
) {
  const api = repositoryApi(deployment.repositoryId, state, urls);
  const deploymentUrl = `${api}/deployments/${deployment.id}`;
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: typedNodeId("DES", status.id),
    state: status.state,
    creator: renderSimpleUser(state.getAccount(status.creatorId), urls),
    description: status.description,
    environment: status.environment,
    target_url: status.logUrl,
    created_at: status.createdAt,
    updated_at: status.updatedAt,
    deployment_url: deploymentUrl,
    repository_url: api,
    environment_url: status.environmentUrl,
    log_url: status.logUrl,
  } satisfies DeploymentStatus;
}
