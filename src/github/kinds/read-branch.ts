/**
 * One branch as the branch kind delivers it (spec §4.11): in full (`GET /repos/{o}/{r}/branches/{name}`)
 * or as listed, with `__protection_rules` when asked, `__is_default_branch`, and the repository fields.
 * Shared by the resync and the `create`/`push` live events, so both give the same raw object.
 */
import type { RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient, RequestScope } from "../client/github-client.js";
import { type ItemRepository, withRepositoryFields } from "./repository-item-fields.js";

/** A branch name in a URL path: each segment percent-encoded, `/` kept (GitHub routes on it). */
export function branchPath(name: string): string {
  return name.split("/").map(encodeURIComponent).join("/");
}

function repositoryPath(repository: ItemRepository["repository"]): string {
  const owner = String((repository.owner as { login?: unknown } | undefined)?.login);
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(String(repository.name))}`;
}

/** `GET …/branches/{name}`, or null when there is no such branch. */
export async function fetchBranch(
  client: GitHubClient,
  repository: ItemRepository["repository"],
  name: string,
  scope: RequestScope,
): Promise<RawObject | null> {
  return client.getOrNull<RawObject>(
    `GET ${repositoryPath(repository)}/branches/${branchPath(name)}`,
    {},
    { purpose: `reading branch ${name} of ${String(repository.full_name ?? repository.name)}`, ...scope },
  );
}

/** Adds `__protection_rules` (when asked), `__is_default_branch` and the repository fields. */
export async function completeBranch(
  client: GitHubClient,
  branch: RawObject,
  target: ItemRepository,
  options: { protectionRules: boolean },
  scope: RequestScope,
): Promise<RawObject> {
  const name = String(branch.name);
  const extra: RawObject = {};
  if (options.protectionRules) {
    // 404 means "Branch not protected"; a 403 (no admin rights) is an error, not an empty rule set.
    extra.__protection_rules =
      (await client.getOrNull<RawObject>(
        `GET ${repositoryPath(target.repository)}/branches/${branchPath(name)}/protection`,
        {},
        {
          purpose: `reading the protection of branch ${name} of ${String(target.repository.full_name ?? target.repository.name)}`,
          ...scope,
        },
      )) ?? {};
  }
  extra.__is_default_branch = name === target.repository.default_branch;
  return withRepositoryFields({ ...branch, ...extra }, target, { repositoryObject: true });
}
