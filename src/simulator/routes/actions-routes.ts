import type { components } from "@octokit/openapi-types";
import type { FastifyInstance } from "fastify";
import { parseDateRangeFilter } from "../http/date-range-filter.js";
import { sendNotFound, sendValidationFailed } from "../http/github-error.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { sendPage } from "../http/send-page.js";
import { renderWorkflow } from "../shapes/render-workflow.js";
import { renderWorkflowRun } from "../shapes/render-workflow-run.js";
import type { SimulatorContext } from "../simulator-context.js";
import { workflowRunConclusions, workflowRunStatuses } from "../state/workflow.js";

const WORKFLOWS_DOCS = "https://docs.github.com/rest/actions/workflows#list-repository-workflows";
const WORKFLOW_DOCS = "https://docs.github.com/rest/actions/workflows#get-a-workflow";
const RUNS_DOCS = "https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow";
const RUN_DOCS = "https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run";

/** GitHub's published type of those values: a status or conclusion it does not list is a type error here. */
type RunFilter = NonNullable<components["parameters"]["workflow-run-status"]>;

/** Values of `status` GitHub accepts on run listings: run statuses and conclusions. */
const RUN_FILTERS: ReadonlySet<string> = new Set<RunFilter>([
  ...workflowRunStatuses,
  ...workflowRunConclusions,
]);

/**
 * GitHub Actions: `GET /repos/{o}/{r}/actions/workflows` (`{total_count, workflows}`),
 * `…/actions/workflows/{id or file name}`, `…/actions/workflows/{id}/runs` (`status`, `created`,
 * `{total_count, workflow_runs}`) and `…/actions/runs/{id}`; each at `/repositories/{id}/…` too.
 */
export function registerActionsRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  const permission = "actions=read";
  registerRepositoryGet(
    app,
    state,
    { path: "/actions/workflows", documentationUrl: WORKFLOWS_DOCS, permission },
    (repo, request, reply) => {
      const { urls } = requireContext(request.github);
      const workflows = state.actions.workflowsOf(repo.id);
      const page = sendPage(request, reply, workflows);
      return { total_count: workflows.length, workflows: page.map((w) => renderWorkflow(w, state, urls)) };
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/actions/workflows/:workflow", documentationUrl: WORKFLOW_DOCS, permission },
    (repo, request, reply) => {
      const workflow = state.actions.findWorkflow(repo.id, request.params.workflow ?? "");
      if (!workflow) return sendNotFound(reply, WORKFLOW_DOCS);
      return renderWorkflow(workflow, state, requireContext(request.github).urls);
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/actions/workflows/:workflow/runs", documentationUrl: RUNS_DOCS, permission },
    (repo, request, reply) => {
      const workflow = state.actions.findWorkflow(repo.id, request.params.workflow ?? "");
      if (!workflow) return sendNotFound(reply, RUNS_DOCS);
      const query = request.query as Record<string, string | undefined>;
      if (query.status !== undefined && !RUN_FILTERS.has(query.status)) {
        return sendValidationFailed(reply, RUNS_DOCS, [
          { resource: "WorkflowRun", field: "status", code: "invalid" },
        ]);
      }
      const created = query.created === undefined ? () => true : parseDateRangeFilter(query.created);
      if (!created) {
        return sendValidationFailed(reply, RUNS_DOCS, [
          { resource: "WorkflowRun", field: "created", code: "invalid" },
        ]);
      }
      const runs = state.actions
        .runsOf(workflow.id)
        .filter(
          (run) =>
            (query.status === undefined || run.status === query.status || run.conclusion === query.status) &&
            (query.branch === undefined || run.headBranch === query.branch) &&
            (query.event === undefined || run.event === query.event) &&
            created(run.createdAt),
        );
      const { urls } = requireContext(request.github);
      const page = sendPage(request, reply, runs);
      return {
        total_count: runs.length,
        workflow_runs: page.map((run) => renderWorkflowRun(run, state, urls)),
      };
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/actions/runs/:run", documentationUrl: RUN_DOCS, permission },
    (repo, request, reply) => {
      const id = request.params.run ?? "";
      const run = /^\d+$/.test(id) ? state.actions.getRun(repo.id, Number(id)) : undefined;
      if (!run) return sendNotFound(reply, RUN_DOCS);
      return renderWorkflowRun(run, state, requireContext(request.github).urls);
    },
  );
}
