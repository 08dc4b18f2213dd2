/**
 * The repository fan-out of every repository-scoped kind (spec §4.0): authenticators → accounts (§1.4) →
 * repositories (the mapping's `repositoryType`, the kind's own `repoSearch`) → the kind's per-repository
 * listing, streamed page by page, several repositories at once (§3.6). A repository whose listing fails does not stop the others: its error is
 * logged and, once every repository has run, thrown (several as one `AggregateError`), so the kind fails
 * and the resync keeps the entities it could not re-read. Errors that no other repository would escape
 * (bad credentials, rate limit, network, cancellation) stop at once. A 404 means the repository went
 * away since it was listed (deleted, transferred): it has nothing to list, which is not an error.
 */
import { isPortolanError } from "../../engine/errors/portolan-error.js";
import type { MappingOptions, RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient, RequestScope } from "../client/github-client.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { mergeConcurrentPages } from "../merge-concurrent-pages.js";
import { listRepositories } from "./list-repositories.js";
import type { RepoSearch } from "./repo-search.js";
import { acrossAuthenticators, type GitHubAccount, resolveOrganizations } from "./resolve-organizations.js";

/** One repository a kind lists from, with the client that may read it. */
export interface RepositoryTarget {
  client: GitHubClient;
  account: GitHubAccount;
  repository: RawObject;
  /** `repository.owner.login` (the account's login for organization repositories). */
  owner: string;
  /** `repository.name`. */
  name: string;
  scope: RequestScope;
}

const fatalCodes = new Set(["GITHUB_BAD_CREDENTIALS", "GITHUB_RATE_LIMITED", "GITHUB_UNREACHABLE"]);

/**
 * Repositories listed at once (spec §3.6: one sub-iterator per repository, merged concurrently; real
 * parallelism is bounded by the client's limiter of 10 REST requests, so more would only queue).
 */
export const REPOSITORY_CONCURRENCY = 10;

export async function* acrossRepositories(
  context: GitHubContext,
  request: {
    kind: string;
    mappingOptions: MappingOptions;
    repoSearch: RepoSearch;
    signal?: AbortSignal | undefined;
    /** Repositories listed at once; 1 walks them in order (default `REPOSITORY_CONCURRENCY`). */
    concurrency?: number;
  },
  perRepository: (target: RepositoryTarget) => AsyncIterable<RawObject[]>,
): AsyncIterable<RawObject[]> {
  const options = parseGitHubMappingOptions(request.mappingOptions);
  const scope: RequestScope = { signal: request.signal, traffic: "resync" };
  yield* acrossAuthenticators(context, scope, async function* (authenticator) {
    const errors: unknown[] = [];
    let repositories = 0;
    async function* targets(): AsyncIterable<RepositoryTarget> {
      for await (const accounts of resolveOrganizations(context, authenticator, options, scope)) {
        for (const account of accounts) {
          for await (const page of listRepositories(authenticator, account, {
            repositoryType: options.repositoryType,
            repoSearch: request.repoSearch,
            ...scope,
          })) {
            for (const repository of page) {
              repositories += 1;
              const owner = String(
                (repository.owner as { login?: unknown } | undefined)?.login ?? account.login,
              );
              const name = String(repository.name);
              yield { client: authenticator.client, account, repository, owner, name, scope };
            }
          }
        }
      }
    }
    async function* tolerant(target: RepositoryTarget): AsyncIterable<RawObject[]> {
      const { owner, name } = target;
      try {
        yield* perRepository(target);
      } catch (error) {
        if (scope.signal?.aborted || (isPortolanError(error) && fatalCodes.has(error.code))) throw error;
        if (isPortolanError(error) && error.code === "GITHUB_NOT_FOUND") {
          // Listed a moment ago, gone now (deleted, transferred): nothing of it to list. A warning, as
          // the resync then drops what the catalog holds of it for this kind.
          context.logger.warn(
            { kind: request.kind, repository: `${owner}/${name}` },
            "repository gone since it was listed",
          );
          return;
        }
        context.logger.error(
          { kind: request.kind, repository: `${owner}/${name}`, err: error },
          `listing ${request.kind} of ${owner}/${name} failed; continuing with the other repositories`,
        );
        errors.push(error);
      }
    }
    yield* mergeConcurrentPages(targets(), request.concurrency ?? REPOSITORY_CONCURRENCY, tolerant);
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) {
      // The first failure in the message: the resync summary shows the message, not the list.
      const first = errors[0];
      const reason = isPortolanError(first)
        ? first.describe()
        : first instanceof Error
          ? first.message
          : String(first);
      throw new AggregateError(
        errors,
        `listing ${request.kind} failed for ${errors.length} of ${repositories} repositories; the first: ${reason}`,
      );
    }
  });
}

/** The `__repository` / `__organization` enrichment every repository-scoped kind adds (spec §4.0). */
export function withRepository(
  item: RawObject,
  target: Pick<RepositoryTarget, "name" | "account">,
): RawObject {
  return { ...item, __repository: target.name, __organization: target.account.login };
}
