/**
 * The permission names GitHub uses for fine-grained actors (fine-grained PATs and GitHub App
 * installations), as they appear in an installation's `permissions` and in `X-Accepted-GitHub-Permissions`.
 * Code scanning alerts are `security_events`, Dependabot alerts `vulnerability_alerts`, a repository's
 * Webhooks `repository_hooks`; the organization's
 * Administration, Webhooks and Issue Types are `organization_administration`, `organization_hooks` and
 * `issue_types`.
 */
export const FINE_GRAINED_REPOSITORY_PERMISSIONS = [
  "metadata",
  "contents",
  "administration",
  "pull_requests",
  "issues",
  "actions",
  "security_events",
  "vulnerability_alerts",
  "secret_scanning_alerts",
  "deployments",
  "environments",
  "repository_hooks",
] as const;

export const FINE_GRAINED_ORGANIZATION_PERMISSIONS = [
  "members",
  "organization_administration",
  "organization_hooks",
  "issue_types",
] as const;

export type PermissionName =
  | (typeof FINE_GRAINED_REPOSITORY_PERMISSIONS)[number]
  | (typeof FINE_GRAINED_ORGANIZATION_PERMISSIONS)[number];

export type PermissionAccess = "read" | "write";

/** What a route needs, written as GitHub writes it in `X-Accepted-GitHub-Permissions`: `contents=read`. */
export type RequiredPermission = `${PermissionName}=${PermissionAccess}`;

/**
 * What a fine-grained token or an installation may touch: the one account it is bound to (its resource
 * owner), all of that account's repositories or a selection, and its permissions.
 */
export interface TokenGrant {
  ownerId: number;
  repositories: "all" | Set<number>;
  permissions: Partial<Record<PermissionName, PermissionAccess>>;
}

const RANK: Record<PermissionAccess, number> = { read: 1, write: 2 };

/** Whether the grant holds `required` (write implies read). */
export function grantHolds(grant: TokenGrant, required: RequiredPermission): boolean {
  const [name, access] = required.split("=") as [PermissionName, PermissionAccess];
  const held = grant.permissions[name];
  return held !== undefined && RANK[held] >= RANK[access];
}

/** Whether the grant covers a repository of `ownerId` (its resource owner, and its selection). */
export function grantCoversRepository(
  grant: TokenGrant,
  repository: { id: number; ownerId: number },
): boolean {
  if (repository.ownerId !== grant.ownerId) return false;
  return grant.repositories === "all" || grant.repositories.has(repository.id);
}

/**
 * GitHub grants `metadata: read` with any repository permission (it cannot be unselected), so a grant
 * stated without it gets it.
 */
export function withImpliedMetadata(
  permissions: Partial<Record<PermissionName, PermissionAccess>>,
): Partial<Record<PermissionName, PermissionAccess>> {
  const repositoryLevel = FINE_GRAINED_REPOSITORY_PERMISSIONS.some((name) => permissions[name] !== undefined);
  return repositoryLevel && permissions.metadata === undefined
    ? { ...permissions, metadata: "read" }
    : permissions;
}
