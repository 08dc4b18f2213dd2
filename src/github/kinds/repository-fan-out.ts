/**
 * The repository fan-out every repository-scoped kind shares (spec §4.0): accounts (§1.4) → their
 * repositories (`repositoryType`, the kind's own `repoSearch`) → one listing per repository, its items
 * tagged with `__repository` (the name) and `__organization` (the login). Repositories of a listing page
 * run a few at a time; a repository that fails does not stop the others: its error is logged, and once
 * every repository was visited the errors are thrown together, so the resync does not delete what the
 * failed repositories would have listed.
 */
import type { KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { RequestScope } from "../client/github-client.js";
import type { GitHubAuthenticator } from "../github-authenticator.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { mapConcurrent } from "../map-concurrent.js";
import { listRepositories } from "./list-repositories.js";
import type { RepoSearch } from "./repo-search.js";
import { acrossAuthenticators, resolveOrganizations } from "./resolve-organizations.js";

/** Repositories of one listing page read at the same time (Ocean merges them all concurrently). */
const repositoryConcurrency = 10;

export interface RepositoryTarget {
  authenticator: GitHubAuthenticator;
  /** The account login the repositories were listed for. */
  organization: string;
  /** The repository as the listing returned it. */
  repository: RawObject;
  owner: string;
  name: string;
  scope: RequestScope;
}

export async function* fanOutRepositories(
  context: GitHubContext,
  request: KindListRequest<{ repoSearch: RepoSearch }>,
  kind: string,
  listOne: (target: RepositoryTarget) => AsyncIterable<RawObject[]>,
): AsyncIterable<RawObject[]> {
  const options = parseGitHubMappingOptions(request.mappingOptions);
  const scope = { signal: request.signal, traffic: "resync" } as const;
  const failures: Error[] = [];
  yield* acrossAuthenticators(context, scope, async function* (authenticator) {
    for await (const accounts of resolveOrganizations(context, authenticator, options, scope)) {
      for (const account of accounts) {
        for await (const repositories of listRepositories(authenticator, account, {
          repositoryType: options.repositoryType,
          repoSearch: request.selector.repoSearch,
          ...scope,
        })) {
          const results = await mapConcurrent(repositories, repositoryConcurrency, async (repository) => {
            const owner = String(
              (repository.owner as { login?: unknown } | undefined)?.login ?? account.login,
            );
            const name = String(repository.name);
            const items: RawObject[] = [];
            try {
              for await (const page of listOne({
                authenticator,
                organization: account.login,
                repository,
                owner,
                name,
                scope,
              })) {
                for (const item of page)
                  items.push({ ...item, __repository: name, __organization: account.login });
              }
            } catch (error) {
              if (scope.signal?.aborted) throw error;
              const failure = error instanceof Error ? error : new Error(String(error));
              context.logger.error(
                { kind, repository: `${owner}/${name}`, err: failure },
                `listing ${kind} of ${owner}/${name} failed; continuing with the other repositories`,
              );
              failures.push(failure);
            }
            return items;
          });
          for (const items of results) if (items.length > 0) yield items;
        }
      }
    }
  });
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1)
    throw new AggregateError(failures, `${kind}: ${failures.length} repositories failed`);
}
