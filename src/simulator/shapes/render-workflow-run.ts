import type { components } from "@octokit/openapi-types";
import type { SimulatorState } from "../state/simulator-state.js";
import type { WorkflowRunRecord } from "../state/workflow.js";
import type { ApiUrls } from "./api-urls.js";
import { renderRepositoryLite } from "./render-repository-lite.js";
import { renderSimpleUser } from "./render-simple-user.js";
import { typedNodeId } from "./typed-node-id.js";

export type WorkflowRun = components["schemas"]["workflow-run"];

/**
 * `workflow-run`: `GET /repos/{o}/{r}/actions/runs/{id}`, the items of run listings, and the
 * `workflow_run` of `workflow_run` events (the same object on GitHub).
 */
export function renderWorkflowRun(run: WorkflowRunRecord, state: SimulatorState, urls: ApiUrls) {
  const repository = state.getRepository(run.repositoryId);
  const workflow = state.actions.findWorkflow(run.repositoryId, String(run.workflowId));
  if (!repository || !workflow)
    throw new Error(`simulator state has no repository or workflow of run ${run.id}`);
  const owner = state.getAccount(repository.ownerId);
  const fullName = `${owner.login}/${repository.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  const runUrl = `${api}/actions/runs/${run.id}`;
  const actor = state.getAccount(run.actorId);
  const email = actor.email ?? `${actor.id}+${actor.login}@users.noreply.github.com`;
  const person = { name: actor.name ?? actor.login, email };
  return {
    id: run.id,
    name: workflow.name,
    node_id: typedNodeId("WFR", run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: workflow.path,
    display_title: run.headMessage,
    run_number: run.runNumber,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: workflow.id,
    check_suite_id: run.checkSuiteId,
    check_suite_node_id: typedNodeId("CS", run.checkSuiteId),
    url: runUrl,
    html_url: `${urls.web}/${fullName}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor: renderSimpleUser(actor, urls),
    run_attempt: run.runAttempt,
    referenced_workflows: [],
    run_started_at: run.runStartedAt,
    triggering_actor: renderSimpleUser(actor, urls),
    jobs_url: `${runUrl}/jobs`,
    logs_url: `${runUrl}/logs`,
    check_suite_url: `${api}/check-suites/${run.checkSuiteId}`,
    artifacts_url: `${runUrl}/artifacts`,
    cancel_url: `${runUrl}/cancel`,
    rerun_url: `${runUrl}/rerun`,
    previous_attempt_url: run.runAttempt > 1 ? `${runUrl}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${api}/actions/workflows/${workflow.id}`,
    head_commit: {
      id: run.headSha,
      tree_id: run.headSha.split("").reverse().join(""),
      message: run.headMessage,
      timestamp: run.createdAt,
      author: person,
      committer: person,
    },
    repository: renderRepositoryLite(repository, state, urls),
    head_repository: renderRepositoryLite(repository, state, urls),
  } satisfies WorkflowRun;
}
