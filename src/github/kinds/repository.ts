/**
 * Kind `repository` (spec §4.2): every repository of every account of §1.4, streamed one listing page at
 * a time (never a whole organization in memory), each repository enriched as its selector asks.
 *
 * Incremental (spec §6): only the repositories updated since the cursor, newest updated first down to
 * it. With `includedFiles`, also those pushed since (a push moves `pushed_at`, not `updated_at`, and
 * changes the files), each repository listed once.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { enrichRepositories } from "./enrich-repository.js";
import { listRepositories, type RepositoryChangeWindow } from "./list-repositories.js";
import {
  effectiveRelations,
  type RepositorySelector,
  repositorySelectorSchema,
} from "./repository-selector.js";
import { acrossAuthenticators, resolveOrganizations } from "./resolve-organizations.js";

export function createRepositoryKind(context: GitHubContext): IntegrationKind<RepositorySelector> {
  return {
    name: "repository",
    selectorSchema: repositorySelectorSchema,
    incremental: true,
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
      const { since } = request;
      const windows: Array<RepositoryChangeWindow | undefined> =
        since === undefined
          ? [undefined]
          : [
              { field: "updated_at", since },
              ...(selector.includedFiles.length > 0 ? [{ field: "pushed_at", since } as const] : []),
            ];
      yield* acrossAuthenticators(context, scope, async function* (authenticator) {
        for await (const accounts of resolveOrganizations(context, authenticator, options, scope)) {
          for (const account of accounts) {
            // Incremental runs only: a repository both updated and pushed since the cursor is listed once.
            const listed = new Set<unknown>();
            for (const changedSince of windows) {
              for await (const listing of listRepositories(authenticator, account, {
                repositoryType: options.repositoryType,
                repoSearch: selector.repoSearch,
                changedSince,
                ...scope,
              })) {
                const page =
                  changedSince === undefined
                    ? listing
                    : listing.filter((repository) => !listed.has(repository.id));
                if (changedSince !== undefined) for (const repository of page) listed.add(repository.id);
                if (page.length === 0) continue;
                yield enriches
                  ? await enrichRepositories(authenticator.client, page, enrichment, scope)
                  : page;
              }
            }
          }
        }
      });
    },
  };
}
