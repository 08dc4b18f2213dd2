/**
 * Kind `deployment` (spec §4.13): `GET /repos/{o}/{r}/deployments?task=&environment=` page by page, with
 * `__repository` / `__organization`; with `enrichWithFirstCommit`, each deployment gets `__firstCommit` and
 * `__commitCount` once its predecessor in the same environment is known (up to 10 at a time).
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { mapConcurrent } from "../map-concurrent.js";
import { acrossRepositories, withRepository } from "./across-repositories.js";
import { type DeploymentPair, DeploymentPredecessors } from "./deployment-predecessors.js";
import { type DeploymentSelector, deploymentSelectorSchema } from "./deployment-selector.js";
import { enrichWithFirstCommit } from "./enrich-first-commit.js";
import { listDeployments } from "./list-deployments.js";

const firstCommitConcurrency = 10;

export function createDeploymentKind(context: GitHubContext): IntegrationKind<DeploymentSelector> {
  return {
    name: "deployment",
    selectorSchema: deploymentSelectorSchema,
    list(request: KindListRequest<DeploymentSelector>): AsyncIterable<RawObject[]> {
      const { selector } = request;
      return acrossRepositories(
        context,
        {
          kind: "deployment",
          mappingOptions: request.mappingOptions,
          repoSearch: selector.repoSearch,
          signal: request.signal,
        },
        async function* (target) {
          if (!selector.enrichWithFirstCommit) {
            for await (const page of listDeployments(target, selector)) {
              yield page.map((deployment) => withRepository(deployment, target));
            }
            return;
          }
          const predecessors = new DeploymentPredecessors();
          const enrich = async (pairs: DeploymentPair[]) =>
            (
              await mapConcurrent(pairs, firstCommitConcurrency, (pair) =>
                enrichWithFirstCommit(target, pair),
              )
            ).map((deployment) => withRepository(deployment, target));
          for await (const page of listDeployments(target, selector)) {
            const ready = await enrich(predecessors.add(page));
            if (ready.length > 0) yield ready;
          }
          const rest = await enrich(predecessors.finish());
          if (rest.length > 0) yield rest;
        },
      );
    },
  };
}
