/** One repository's deployments, newest first, page by page, filtered by the selector's `task` / `environment`. */
import type { RawObject } from "../../engine/integration/integration.js";
import type { RepositoryTarget } from "./across-repositories.js";
import type { DeploymentStatusSelector } from "./deployment-selector.js";

export function listDeployments(
  target: RepositoryTarget,
  selector: Pick<DeploymentStatusSelector, "task" | "environment">,
): AsyncIterable<RawObject[]> {
  return target.client.pages<RawObject>(
    "GET /repos/{owner}/{repo}/deployments",
    {
      owner: target.owner,
      repo: target.name,
      task: selector.task ?? undefined,
      environment: selector.environment ?? undefined,
    },
    { purpose: `listing deployments of ${target.owner}/${target.name}`, ...target.scope },
  );
}
