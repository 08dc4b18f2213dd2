/**
 * Kind `deployment` (spec §4.13): `GET /repos/{o}/{r}/deployments?task=&environment=` page by page, with
 * `__repository` / `__organization`; with `enrichWithFirstCommit`, each deployment gets `__firstCommit` and
 * `__commitCount` once its predecessor in the same environment is known (up to 10 at a time).
 *
 * Incremental (spec §6): a cutoff on `created_at` (GitHub lists newest first). With
 * `enrichWithFirstCommit`, older deployments are still read until every new one has its predecessor
 * (pairing uses them), but only the new ones are enriched and listed.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { mapConcurrent } from "../map-concurrent.js";
import { acrossRepositories, withRepository } from "./across-repositories.js";
import { type DeploymentPair, DeploymentPredecessors } from "./deployment-predecessors.js";
import { type DeploymentSelector, deploymentSelectorSchema } from "./deployment-selector.js";
import { enrichWithFirstCommit } from "./enrich-first-commit.js";
import { cutOffBefore, isOlderThan } from "./incremental-cutoff.js";
import { listDeployments } from "./list-deployments.js";

const firstCommitConcurrency = 10;

export function createDeploymentKind(context: GitHubContext): IntegrationKind<DeploymentSelector> {
  return {
    name: "deployment",
    selectorSchema: deploymentSelectorSchema,
    incremental: true,
    list(request: KindListRequest<DeploymentSelector>): AsyncIterable<RawObject[]> {
      const { selector, since } = request;
      const isNew = (deployment: RawObject) =>
        since === undefined || !isOlderThan(deployment, "created_at", since);
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
            for await (const page of cutOffBefore(listDeployments(target, selector), "created_at", since)) {
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
            const ready = await enrich(predecessors.add(page).filter((pair) => isNew(pair.deployment)));
            if (ready.length > 0) yield ready;
            // Newest first: past the cursor, nothing new comes; stop once no new one waits for its pair.
            if (!page.every(isNew) && predecessors.everyWaiting((deployment) => !isNew(deployment))) break;
          }
          const rest = await enrich(predecessors.finish().filter((pair) => isNew(pair.deployment)));
          if (rest.length > 0) yield rest;
        },
      );
    },
  };
}
