import type { RepositoryViewer } from "../shapes/render-repository.js";
import type { AccessTokenRecord } from "../state/access-token.js";
import type { AccountRecord } from "../state/account.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { grantCoversRepository } from "../state/token-grant.js";

/** The viewer's role in an organization, or null when not a member. */
export function roleIn(org: AccountRecord, viewer: AccountRecord): "admin" | "member" | null {
  return org.members.get(viewer.id) ?? null;
}

/**
 * Whether a classic token's scopes allow what `scope` guards. Fine-grained and installation tokens have
 * no scopes: their permissions are declared per route, and their resource owner is checked by
 * `tokenReachesAccount`.
 */
export function scopeAllows(token: AccessTokenRecord, scope: string): boolean {
  return token.kind !== "classic" || token.scopes.includes(scope);
}

/** `scopeAllows` for a guard that several scopes satisfy (`repo` or `admin:repo_hook`, ...). */
export function scopeAllowsAny(token: AccessTokenRecord, scopes: readonly string[]): boolean {
  return scopes.some((scope) => scopeAllows(token, scope));
}

/** Whether the token may act on an account's data: a fine-grained or installation token only on its own. */
export function tokenReachesAccount(token: AccessTokenRecord, accountId: number): boolean {
  return token.grant === undefined || token.grant.ownerId === accountId;
}

/**
 * What the viewer may do with a repository: owners and org admins administer it; members read it
 * (the organization's default permission is `read`); others only pull public repositories.
 */
export function repositoryViewer(
  repo: RepositoryRecord,
  state: SimulatorState,
  viewer: AccountRecord,
): RepositoryViewer {
  const owner = state.getAccount(repo.ownerId);
  const admin = owner.id === viewer.id || roleIn(owner, viewer) === "admin";
  return {
    permissions: { admin, maintain: admin, push: admin, triage: admin, pull: true },
  };
}

/**
 * Whether a request may see a repository at all. A fine-grained or installation token sees only the
 * repositories of its grant (its resource owner, all or the selected ones). Private and internal
 * repositories need a member (or the owner) and, for a classic token, the `repo` scope; GitHub answers
 * 404 otherwise, never 403.
 */
export function canSeeRepository(
  repo: RepositoryRecord,
  state: SimulatorState,
  viewer: AccountRecord,
  token: AccessTokenRecord,
): boolean {
  if (token.grant && !grantCoversRepository(token.grant, repo)) return false;
  if (repo.visibility === "public") return true;
  if (!scopeAllows(token, "repo")) return false;
  const owner = state.getAccount(repo.ownerId);
  return owner.id === viewer.id || roleIn(owner, viewer) !== null;
}
