/**
 * Kind `environment` (spec §4.12): `GET /repos/{o}/{r}/environments` page by page, with `__variables`
 * (all pages of the environment's variables, 10 environments at a time) when `includeVariables` is set.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { mapConcurrent } from "../map-concurrent.js";
import { acrossRepositories, withRepository } from "./across-repositories.js";
import { enrichEnvironment } from "./enrich-environment.js";
import { type EnvironmentSelector, environmentSelectorSchema } from "./environment-selector.js";

/** Environments whose variables are read at the same time (Ocean: 10). */
const variablesConcurrency = 10;

export function createEnvironmentKind(context: GitHubContext): IntegrationKind<EnvironmentSelector> {
  return {
    name: "environment",
    selectorSchema: environmentSelectorSchema,
    list(request: KindListRequest<EnvironmentSelector>): AsyncIterable<RawObject[]> {
      const { selector } = request;
      return acrossRepositories(
        context,
        {
          kind: "environment",
          mappingOptions: request.mappingOptions,
          repoSearch: selector.repoSearch,
          signal: request.signal,
        },
        async function* (target) {
          for await (const page of target.client.pages<RawObject>(
            "GET /repos/{owner}/{repo}/environments",
            { owner: target.owner, repo: target.name },
            { purpose: `listing environments of ${target.owner}/${target.name}`, ...target.scope },
          )) {
            yield await mapConcurrent(page, variablesConcurrency, async (environment) =>
              withRepository(
                await enrichEnvironment(
                  target.client,
                  target,
                  environment,
                  selector.includeVariables,
                  target.scope,
                ),
                target,
              ),
            );
          }
        },
      );
    },
  };
}
