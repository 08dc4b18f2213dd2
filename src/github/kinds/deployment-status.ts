/**
 * Kind `deployment-status` (spec §4.14): per repository its deployments (the selector's `task` /
 * `environment`), then every page of each deployment's statuses (10 deployments at a time), each status
 * with `__deployment_id` (the deployment id as a string), `__repository` and `__organization`.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { mapConcurrent } from "../map-concurrent.js";
import { acrossRepositories, type RepositoryTarget, withRepository } from "./across-repositories.js";
import { type DeploymentStatusSelector, deploymentStatusSelectorSchema } from "./deployment-selector.js";
import { listDeployments } from "./list-deployments.js";

const statusesConcurrency = 10;

export function createDeploymentStatusKind(
  context: GitHubContext,
): IntegrationKind<DeploymentStatusSelector> {
  return {
    name: "deployment-status",
    selectorSchema: deploymentStatusSelectorSchema,
    list(request: KindListRequest<DeploymentStatusSelector>): AsyncIterable<RawObject[]> {
      const { selector } = request;
      return acrossRepositories(
        context,
        {
          kind: "deployment-status",
          mappingOptions: request.mappingOptions,
          repoSearch: selector.repoSearch,
          signal: request.signal,
          // Ocean walks this kind's repositories one after another (spec §3.6).
          concurrency: 1,
        },
        async function* (target) {
          for await (const deployments of listDeployments(target, selector)) {
            const statuses = await mapConcurrent(deployments, statusesConcurrency, (deployment) =>
              statusesOf(target, deployment),
            );
            const page = statuses.flat();
            if (page.length > 0) yield page;
          }
        },
      );
    },
  };
}

async function statusesOf(target: RepositoryTarget, deployment: RawObject): Promise<RawObject[]> {
  const statuses: RawObject[] = [];
  for await (const page of target.client.pages<RawObject>(
    "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
    { owner: target.owner, repo: target.name, deployment_id: String(deployment.id) },
    {
      purpose: `listing statuses of deployment ${String(deployment.id)} in ${target.owner}/${target.name}`,
      ...target.scope,
    },
  )) {
    for (const status of page) statuses.push(deploymentStatusRaw(status, deployment, target));
  }
  return statuses;
}

/** A status as the kind gives it (also for live events). */
export function deploymentStatusRaw(
  status: RawObject,
  deployment: { id?: unknown },
  target: Pick<RepositoryTarget, "name" | "account">,
): RawObject {
  return { ...withRepository(status, target), __deployment_id: String(deployment.id) };
}
