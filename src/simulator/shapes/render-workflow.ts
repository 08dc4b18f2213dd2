import type { components } from "@octokit/openapi-types";
import type { SimulatorState } from "../state/simulator-state.js";
import type { WorkflowRecord } from "../state/workflow.js";
import type { ApiUrls } from "./api-urls.js";
import { typedNodeId } from "./typed-node-id.js";

export type Workflow = components["schemas"]["workflow"];

/** `workflow`: `GET /repos/{o}/{r}/actions/workflows[/{id}]` and the `workflow` of `workflow_run` events. */
export function renderWorkflow(workflow: WorkflowRecord, state: SimulatorState, urls: ApiUrls): Workflow {
  const repository = state.getRepository(workflow.repositoryId);
  if (!repository) throw new Error(`simulator state has no repository ${workflow.repositoryId}`);
  const fullName = `${state.getAccount(repository.ownerId).login}/${repository.name}`;
  return {
    id: workflow.id,
    node_id: typedNodeId("W", workflow.id),
    name: workflow.name,
    path: workflow.path,
    state: workflow.state,
    created_at: workflow.createdAt,
    updated_at: workflow.updatedAt,
    url: `${urls.api}/repos/${fullName}/actions/workflows/${workflow.id}`,
    html_url: `${urls.web}/${fullName}/blob/${repository.defaultBranch}/${workflow.path}`,
    badge_url: `${urls.web}/${fullName}/workflows/${encodeURIComponent(workflow.name)}/badge.svg`,
  };
}
