/**
 * The repositories of one account, page by page (spec §4.0 "Repository listing strategy"):
 *
 * | account | no `repoSearch` | `repoSearch` |
 * |---|---|---|
 * | Organization | `GET /orgs/{o}/repos?type={repositoryType}` | `GET /search/repositories?q=org:{o} {query}` |
 * | the token owner | `GET /user/repos?affiliation=owner&visibility={repositoryType}` | `…?q=user:{login} {query}` |
 * | another user | `GET /users/{u}/repos?type=owner`, filtered by visibility | `…?q=user:{login} {query}` |
 * | a user, with an App installation | `GET /installation/repositories`, filtered by visibility | `…?q=user:{login} {query}` |
 *
 * Ocean lists `/user/repos` for any personal account (the token owner's, whoever was configured, §9.2),
 * and searches `org:{user} fork:true is:{type}` for an App installed on a user; here another user's public
 * repositories are listed, and an installation lists the repositories it was granted.
 *
 * With `changedSince` (the repository kind's incremental runs, spec §6) only the repositories whose
 * `updated_at` (or `pushed_at`) is at or after its moment are listed: newest first down to it where GitHub
 * sorts by that field (organizations, users; search only by `updated`), else the whole listing filtered.
 */
import type { RawObject } from "../../engine/integration/integration.js";
import type { RequestScope } from "../client/github-client.js";
import type { GitHubAuthenticator } from "../github-authenticator.js";
import type { RepositoryType } from "../github-mapping-options.js";
import { cutOffBefore, keepChangedSince } from "./incremental-cutoff.js";
import type { RepoSearch } from "./repo-search.js";
import { type GitHubAccount, isPersonalAccount } from "./resolve-organizations.js";

export interface ListRepositoriesOptions extends RequestScope {
  repositoryType: RepositoryType;
  repoSearch: RepoSearch;
  changedSince?: RepositoryChangeWindow | undefined;
}

/** Repositories whose `field` moved at or after `since`. */
export interface RepositoryChangeWindow {
  field: "updated_at" | "pushed_at";
  since: Date;
}

export async function* listRepositories(
  authenticator: GitHubAuthenticator,
  account: GitHubAccount,
  options: ListRepositoriesOptions,
): AsyncIterable<RawObject[]> {
  const { client } = authenticator;
  const { repositoryType } = options;
  const scope: RequestScope = { signal: options.signal, traffic: options.traffic };
  const personal = isPersonalAccount(account);
  const window = options.changedSince;
  /** GitHub's `sort`/`direction` for the window's field, on the listings that take them. */
  const order = window
    ? { sort: window.field === "updated_at" ? "updated" : "pushed", direction: "desc" }
    : {};
  const changed = (pages: AsyncIterable<RawObject[]>, sorted: boolean): AsyncIterable<RawObject[]> => {
    if (window === undefined) return pages;
    return sorted
      ? cutOffBefore(pages, window.field, window.since)
      : keepChangedSince(pages, window.field, window.since);
  };
  if (options.repoSearch !== null) {
    const qualifier = personal ? "user" : "org";
    const byUpdate = window?.field === "updated_at";
    yield* changed(
      client.pages<RawObject>(
        "GET /search/repositories",
        {
          q: `${qualifier}:${account.login} ${options.repoSearch.query}`,
          ...(byUpdate ? { sort: "updated", order: "desc" } : {}),
        },
        { purpose: `searching repositories of ${account.login} (repoSearch)`, ...scope },
      ),
      byUpdate,
    );
    return;
  }
  if (!personal) {
    yield* changed(
      client.pages<RawObject>(
        "GET /orgs/{org}/repos",
        { org: account.login, type: repositoryType, ...order },
        { purpose: `listing repositories of organization ${account.login}`, ...scope },
      ),
      true,
    );
    return;
  }
  if (client.tokenKind === "installation") {
    for await (const page of changed(
      client.pages<RawObject>(
        "GET /installation/repositories",
        {},
        {
          purpose: `listing repositories of ${account.login} granted to the GitHub App`,
          ...scope,
        },
      ),
      false,
    )) {
      const kept = page.filter((repository) => matchesRepositoryType(repository, repositoryType));
      if (kept.length > 0) yield kept;
    }
    return;
  }
  const owner = await authenticator.authenticatedUser(options.signal);
  if (owner.login.toLowerCase() === account.login.toLowerCase()) {
    yield* changed(
      client.pages<RawObject>(
        "GET /user/repos",
        { affiliation: "owner", visibility: repositoryType, ...order },
        { purpose: `listing repositories of ${account.login} (the token owner)`, ...scope },
      ),
      true,
    );
    return;
  }
  for await (const page of changed(
    client.pages<RawObject>(
      "GET /users/{username}/repos",
      { username: account.login, type: "owner", ...order },
      { purpose: `listing repositories of user ${account.login}`, ...scope },
    ),
    true,
  )) {
    const kept = page.filter((repository) => matchesRepositoryType(repository, repositoryType));
    if (kept.length > 0) yield kept;
  }
}

/** A repository's visibility (`public`, `private`, `internal`), falling back to the `private` flag. */
export function repositoryVisibility(repository: RawObject): string {
  if (typeof repository.visibility === "string") return repository.visibility;
  return repository.private === true ? "private" : "public";
}

/** Whether a repository belongs to the mapping's `repositoryType`. */
export function matchesRepositoryType(repository: RawObject, repositoryType: RepositoryType): boolean {
  return visibilityMatches(repositoryVisibility(repository), repositoryType);
}

/**
 * `private` covers `internal` too, as GitHub's `GET /orgs/{o}/repos?type=private` does (Ocean compares the
 * visibility string exactly, so a live event on an internal repository deleted what the resync listed).
 */
export function visibilityMatches(visibility: string, repositoryType: RepositoryType): boolean {
  if (repositoryType === "all") return true;
  if (repositoryType === "public") return visibility === "public";
  return visibility !== "public";
}
