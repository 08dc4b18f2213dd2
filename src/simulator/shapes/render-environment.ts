import type { components } from "@octokit/openapi-types";
import type { EnvironmentRecord, EnvironmentVariableRecord } from "../state/deployment.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { typedNodeId } from "./typed-node-id.js";

/** GitHub sends `can_admins_bypass` though the OpenAPI `environment` schema does not list it. */
export type Environment = components["schemas"]["environment"] & { can_admins_bypass: boolean };
export type ActionsVariable = components["schemas"]["actions-variable"];

/** `environment`: `GET /repos/{o}/{r}/environments[/{name}]`. */
export function renderEnvironment(
  environment: EnvironmentRecord,
  state: SimulatorState,
  urls: ApiUrls,
): Environment {
  const repository = state.getRepository(environment.repositoryId);
  if (!repository) throw new Error(`simulator state has no repository ${environment.repositoryId}`);
  const fullName = `${state.getAccount(repository.ownerId).login}/${repository.name}`;
  const name = encodeURIComponent(environment.name);
  return {
    id: environment.id,
    node_id: typedNodeId("EN", environment.id),
    name: environment.name,
    url: `${urls.api}/repos/${fullName}/environments/${name}`,
    html_url: `${urls.web}/${fullName}/deployments/activity_log?environments_filter=${name}`,
    created_at: environment.createdAt,
    updated_at: environment.updatedAt,
    can_admins_bypass: environment.canAdminsBypass,
    protection_rules:
      environment.waitTimer === null
        ? []
        : [
            {
              id: environment.id + 1,
              node_id: typedNodeId("GA", environment.id + 1),
              type: "wait_timer",
              wait_timer: environment.waitTimer,
            },
          ],
    deployment_branch_policy: null,
  };
}

/** `actions-variable`: the items of `GET /repos/{o}/{r}/environments/{name}/variables`. */
export function renderActionsVariable(variable: EnvironmentVariableRecord): ActionsVariable {
  return {
    name: variable.name,
    value: variable.value,
    created_at: variable.createdAt,
    updated_at: variable.updatedAt,
  };
}
