/**
 * Where the folder, file, skill and plugin kinds look (spec §4.19–4.22): every (repository, branch) their
 * selector entries name, each with the entries that apply to it, so one tree read serves them all.
 *
 * - An entry with `organization` applies only to that account (case-insensitive).
 * - An entry with `repos` names its repositories: `GET /repos/{o}/{name}` each (a missing one is skipped
 *   with a warning), on the entry's `branch` or the default branch.
 * - Entries without `repos` apply to every repository of `repositoryType`, listed page by page (the
 *   listing is shared by all such entries), on the default branch.
 */
import type { RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient, RequestScope } from "../client/github-client.js";
import type { GitHubContext } from "../github-context.js";
import type { GitHubMappingOptions } from "../github-mapping-options.js";
import { listRepositories } from "./list-repositories.js";
import { repositoryContentVersion } from "./repository-content-version.js";
import { acrossAuthenticators, resolveOrganizations } from "./resolve-organizations.js";

export interface RepositoryRefEntry {
  name: string;
  branch?: string | null | undefined;
}

export interface TargetedEntry {
  organization?: string | null | undefined;
  repos?: readonly RepositoryRefEntry[] | null | undefined;
}

export interface RepositoryTarget<Entry> {
  client: GitHubClient;
  /** The account's login, as `__organization` carries it. */
  organization: string;
  repository: RawObject;
  owner: string;
  name: string;
  branch: string;
  entries: Entry[];
  /**
   * `repositoryContentVersion()` of the repository: resyncs remember file reads until it changes. Live
   * events leave it out and read afresh.
   */
  contentVersion?: string | undefined;
}

export async function* listRepositoryTargets<Entry extends TargetedEntry>(
  context: GitHubContext,
  entries: readonly Entry[],
  options: GitHubMappingOptions,
  scope: RequestScope,
): AsyncIterable<RepositoryTarget<Entry>[]> {
  yield* acrossAuthenticators(context, scope, async function* (authenticator) {
    const { client } = authenticator;
    for await (const accounts of resolveOrganizations(context, authenticator, options, scope)) {
      for (const account of accounts) {
        const login = account.login;
        const applicable = entries.filter(
          (entry) => !entry.organization || entry.organization.toLowerCase() === login.toLowerCase(),
        );
        const named = new Map<string, { name: string; branch: string | null; entries: Entry[] }>();
        for (const entry of applicable) {
          for (const repo of entry.repos ?? []) {
            const key = `${repo.name.toLowerCase()}\0${repo.branch ?? ""}`;
            const group = named.get(key) ?? { name: repo.name, branch: repo.branch ?? null, entries: [] };
            if (!group.entries.includes(entry)) group.entries.push(entry);
            named.set(key, group);
          }
        }
        for (const group of named.values()) {
          const repository = await client.getOrNull<RawObject>(
            `GET /repos/${encodeURIComponent(login)}/${encodeURIComponent(group.name)}`,
            {},
            { purpose: `reading repository ${login}/${group.name}`, ...scope },
          );
          if (repository === null) {
            context.logger.warn(
              { organization: login, repository: group.name },
              "a repository named in the selector's `repos` does not exist or is not visible; skipped",
            );
            continue;
          }
          yield [target(client, login, repository, group.branch, group.entries)];
        }
        const everywhere = applicable.filter((entry) => !entry.repos);
        if (everywhere.length === 0) continue;
        for await (const page of listRepositories(authenticator, account, {
          repositoryType: options.repositoryType,
          repoSearch: null,
          ...scope,
        })) {
          yield page.map((repository) => target(client, login, repository, null, everywhere));
        }
      }
    }
  });
}

function target<Entry>(
  client: GitHubClient,
  organization: string,
  repository: RawObject,
  branch: string | null,
  entries: Entry[],
): RepositoryTarget<Entry> {
  const owner = (repository.owner as { login?: unknown } | undefined)?.login;
  return {
    client,
    organization,
    repository,
    owner: typeof owner === "string" ? owner : organization,
    name: String(repository.name),
    branch: branch ?? String(repository.default_branch ?? "main"),
    entries,
    contentVersion: repositoryContentVersion(repository),
  };
}
