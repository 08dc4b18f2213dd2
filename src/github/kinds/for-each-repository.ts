/**
 * The repository fan-out every repo-scoped kind shares (spec §4.0): authenticators → accounts (§1.4) →
 * repositories of each account (`repositoryType`, the kind's own `repoSearch`) → the kind's per-repository
 * listing, streamed page by page (no kind ever holds an organization's items at once).
 *
 * A failing repository does not stop the others: its error is logged and, once every repository has been
 * visited, thrown (several as one `AggregateError` naming them), so the resync reports the kind as failed
 * and keeps its stale entities. A repository that disappeared since it was listed (404) is skipped.
 */
import { isPortolanError } from "../../engine/errors/portolan-error.js";
import type { MappingOptions, RawObject } from "../../engine/integration/integration.js";
import type { RequestScope } from "../client/github-client.js";
import type { GitHubAuthenticator } from "../github-authenticator.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { listRepositories } from "./list-repositories.js";
import type { RepoSearch } from "./repo-search.js";
import { acrossAuthenticators, type GitHubAccount, resolveOrganizations } from "./resolve-organizations.js";

/** One repository of the fan-out, with what its per-repository calls need. */
export interface RepositoryTarget {
  authenticator: GitHubAuthenticator;
  account: GitHubAccount;
  /** The repository object as the listing returned it. */
  repository: RawObject & { name: string; owner: { login: string } };
  scope: RequestScope;
}

export interface ForEachRepositoryRequest {
  kind: string;
  mappingOptions: MappingOptions;
  repoSearch: RepoSearch;
  signal?: AbortSignal;
}

export async function* forEachRepository(
  context: GitHubContext,
  request: ForEachRepositoryRequest,
  perRepository: (target: RepositoryTarget) => AsyncIterable<RawObject[]>,
): AsyncIterable<RawObject[]> {
  const options = parseGitHubMappingOptions(request.mappingOptions);
  const scope: RequestScope = { signal: request.signal, traffic: "resync" };
  yield* acrossAuthenticators(context, scope, async function* (authenticator) {
    const failures: Array<{ repository: string; error: unknown }> = [];
    let visited = 0;
    for await (const accounts of resolveOrganizations(context, authenticator, options, scope)) {
      for (const account of accounts) {
        for await (const page of listRepositories(authenticator, account, {
          repositoryType: options.repositoryType,
          repoSearch: request.repoSearch,
          ...scope,
        })) {
          for (const listed of page) {
            const repository = listed as RepositoryTarget["repository"];
            const fullName = `${repository.owner.login}/${repository.name}`;
            visited += 1;
            try {
              yield* perRepository({ authenticator, account, repository, scope });
            } catch (error) {
              if (request.signal?.aborted) throw error;
              if (isPortolanError(error) && error.code === "GITHUB_NOT_FOUND") {
                context.logger.warn(
                  { kind: request.kind, repository: fullName },
                  "repository gone since it was listed (404): skipped",
                );
                continue;
              }
              context.logger.error(
                { kind: request.kind, repository: fullName, err: error },
                `listing ${request.kind} of a repository failed; continuing with the others`,
              );
              failures.push({ repository: fullName, error });
            }
          }
        }
      }
    }
    if (failures.length === 1) throw failures[0]?.error;
    if (failures.length > 1) {
      throw new AggregateError(
        failures.map((failure) => failure.error),
        `${failures.length} of ${visited} repositories failed listing ${request.kind}: ${failures
          .map((failure) => failure.repository)
          .join(", ")}`,
      );
    }
  });
}
