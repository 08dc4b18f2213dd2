import type { OrgHookRecord } from "./org-hook.js";

/**
 * A repository webhook: the same fields as an organization's, bound to one repository instead. Its id
 * comes from the same sequence (GitHub's hook ids are unique across both).
 */
export type RepositoryHookRecord = Omit<OrgHookRecord, "orgId"> & { repositoryId: number };

/** Any webhook: an organization's or a repository's. */
export type HookRecord = OrgHookRecord | RepositoryHookRecord;

/** What a delivery's `X-GitHub-Hook-Installation-Target-*` headers name: the hook's organization or repository. */
export function hookTarget(hook: HookRecord): { type: "organization" | "repository"; id: number } {
  return "orgId" in hook
    ? { type: "organization", id: hook.orgId }
    : { type: "repository", id: hook.repositoryId };
}
