/**
 * Kind `repository` (spec §4.2): every repository of every account of §1.4, streamed one listing page at
 * a time (never a whole organization in memory), each repository enriched as its selector asks.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { mapConcurrent } from "../map-concurrent.js";
import { enrichRepository } from "./enrich-repository.js";
import { listRepositories } from "./list-repositories.js";
import {
  effectiveRelations,
  type RepositorySelector,
  repositorySelectorSchema,
} from "./repository-selector.js";
import { acrossAuthenticators, resolveOrganizations } from "./resolve-organizations.js";

/** Repositories of one page enriched at the same time (Ocean: batches of 10). */
const enrichmentConcurrency = 10;

export function createRepositoryKind(context: GitHubContext): IntegrationKind<RepositorySelector> {
  return {
    name: "repository",
    selectorSchema: repositorySelectorSchema,
    async *list(request: KindListRequest<RepositorySelector>): AsyncIterable<RawObject[]> {
      const options = parseGitHubMappingOptions(request.mappingOptions);
      const selector = request.selector;
      const enrichment = {
        includedFiles: selector.includedFiles,
        relations: effectiveRelations(selector),
        rememberFiles: true,
      };
      const enriches =
        enrichment.includedFiles.length > 0 ||
        Object.values(enrichment.relations).some((value) => Boolean(value));
      const scope = { signal: request.signal, traffic: "resync" } as const;
      yield* acrossAuthenticators(context, scope, async function* (authenticator) {
        for await (const accounts of resolveOrganizations(context, authenticator, options, scope)) {
          for (const account of accounts) {
            for await (const page of listRepositories(authenticator, account, {
              repositoryType: options.repositoryType,
              repoSearch: selector.repoSearch,
              ...scope,
            })) {
              yield enriches
                ? await mapConcurrent(page, enrichmentConcurrency, (repository) =>
                    enrichRepository(authenticator.client, repository, enrichment, scope),
                  )
                : page;
            }
          }
        }
      });
    },
  };
}
