/**
 * Kind `workflow` (spec §4.5): the GitHub Actions workflows of every repository,
 * `GET /repos/{o}/{r}/actions/workflows` page by page, each with `__repository` and `__organization`.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { acrossRepositories, withRepository } from "./across-repositories.js";
import {
  type RepositoryScopedSelector,
  repositoryScopedSelectorSchema,
} from "./repository-scoped-selector.js";

export function createWorkflowKind(context: GitHubContext): IntegrationKind<RepositoryScopedSelector> {
  return {
    name: "workflow",
    selectorSchema: repositoryScopedSelectorSchema,
    list(request: KindListRequest<RepositoryScopedSelector>): AsyncIterable<RawObject[]> {
      return acrossRepositories(
        context,
        {
          kind: "workflow",
          mappingOptions: request.mappingOptions,
          repoSearch: request.selector.repoSearch,
          signal: request.signal,
        },
        async function* (target) {
          for await (const page of target.client.pages<RawObject>(
            "GET /repos/{owner}/{repo}/actions/workflows",
            { owner: target.owner, repo: target.name },
            { purpose: `listing workflows of ${target.owner}/${target.name}`, ...target.scope },
          )) {
            yield page.map((workflow) => withRepository(workflow, target));
          }
        },
      );
    },
  };
}
