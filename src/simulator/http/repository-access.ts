import type { RepositoryViewer } from "../shapes/render-repository.js";
import type { AccessTokenRecord } from "../state/access-token.js";
import type { AccountRecord } from "../state/account.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";

/** The viewer's role in an organization, or null when not a member. */
export function roleIn(org: AccountRecord, viewer: AccountRecord): "admin" | "member" | null {
  return org.members.get(viewer.id) ?? null;
}

export function hasScope(token: AccessTokenRecord, scope: string): boolean {
  return token.scopes.includes(scope);
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
 * Whether a request may see a repository at all. Private and internal repositories need a member (or the
 * owner) and a classic token with the `repo` scope; GitHub answers 404 otherwise, never 403.
 */
export function canSeeRepository(
  repo: RepositoryRecord,
  state: SimulatorState,
  viewer: AccountRecord,
  token: AccessTokenRecord,
): boolean {
  if (repo.visibility === "public") return true;
  if (!hasScope(token, "repo")) return false;
  const owner = state.getAccount(repo.ownerId);
  return owner.id === viewer.id || roleIn(owner, viewer) !== null;
}
