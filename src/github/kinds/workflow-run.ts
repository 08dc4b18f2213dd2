/**
 * Kind `workflow-run` (spec §4.6): per repository, every workflow (all pages), then per workflow (× each
 * selector status) `GET …/actions/workflows/{id}/runs?status=&created=`: the newest 100 runs, as Ocean's
 * full resync takes. Unlike Ocean (§9.2), repositories with more than 100 workflows keep the runs of
 * every workflow page, and a run matching two selector statuses (e.g. `completed` and `failure`) is
 * listed once.
 *
 * Incremental (spec §6): the runs created since the cursor (`created=>=`, in place of the selector's
 * `since`/`since_date`), every page of them — the 100-run cap is lifted.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { acrossRepositories, withRepository } from "./across-repositories.js";
import {
  createdFilter,
  createdSince,
  type WorkflowRunSelector,
  workflowRunSelectorSchema,
} from "./workflow-run-selector.js";

/** Runs read per (workflow, status): GitHub's largest page, and Ocean's cap in a full resync. */
const runsPerWorkflow = 100;

export function createWorkflowRunKind(context: GitHubContext): IntegrationKind<WorkflowRunSelector> {
  return {
    name: "workflow-run",
    selectorSchema: workflowRunSelectorSchema,
    incremental: true,
    list(request: KindListRequest<WorkflowRunSelector>): AsyncIterable<RawObject[]> {
      const { selector } = request;
      const created = request.since === undefined ? createdFilter(selector) : createdSince(request.since);
      const statuses: Array<string | undefined> = selector.statuses ?? [undefined];
      return acrossRepositories(
        context,
        {
          kind: "workflow-run",
          mappingOptions: request.mappingOptions,
          repoSearch: selector.repoSearch,
          signal: request.signal,
          // Ocean walks this kind's repositories one after another (spec §3.6).
          concurrency: 1,
        },
        async function* (target) {
          const repo = `${target.owner}/${target.name}`;
          for await (const workflows of target.client.pages<RawObject>(
            "GET /repos/{owner}/{repo}/actions/workflows",
            { owner: target.owner, repo: target.name },
            { purpose: `listing workflows of ${repo}`, ...target.scope },
          )) {
            for (const workflow of workflows) {
              const seen = new Set<unknown>();
              for (const status of statuses) {
                for await (const page of target.client.pages<RawObject>(
                  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
                  {
                    owner: target.owner,
                    repo: target.name,
                    workflow_id: String(workflow.id),
                    status,
                    created,
                    per_page: runsPerWorkflow,
                  },
                  {
                    purpose: `listing runs of workflow ${String(workflow.path ?? workflow.id)} in ${repo}`,
                    ...target.scope,
                  },
                )) {
                  const runs = page.filter((run) => !seen.has(run.id));
                  for (const run of runs) seen.add(run.id);
                  if (runs.length > 0) yield runs.map((run) => withRepository(run, target));
                  // A full resync takes the newest 100 (Ocean's cap); an incremental run every page.
                  if (request.since === undefined) break;
                }
              }
            }
          }
        },
      );
    },
  };
}
