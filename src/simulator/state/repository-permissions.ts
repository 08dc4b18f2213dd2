import type { RepositoryRecord } from "./repository.js";
import type { SimulatorState } from "./simulator-state.js";
import { REPOSITORY_PERMISSIONS, type RepositoryPermission } from "./team.js";

/** Who may use a repository and how: the strongest of every grant the user has. */
export interface RepositoryGrant {
  userId: number;
  permission: RepositoryPermission;
  /** Added to the repository itself (an outside collaborator, or a member added directly). */
  direct: boolean;
  /** Not a member of the owning organization. */
  outside: boolean;
}

function stronger(a: RepositoryPermission | undefined, b: RepositoryPermission): RepositoryPermission {
  if (a === undefined) return b;
  return REPOSITORY_PERMISSIONS.indexOf(a) >= REPOSITORY_PERMISSIONS.indexOf(b) ? a : b;
}

/**
 * Every user with access to a repository, in user id order. On an organization's repository: owners
 * (org admins) administer, every member reads (the organization's base permission is `read`), teams and
 * direct grants add to that; outside collaborators only have their direct grant. A personal repository:
 * its owner administers, collaborators have their grant.
 */
export function repositoryGrants(state: SimulatorState, repository: RepositoryRecord): RepositoryGrant[] {
  const owner = state.getAccount(repository.ownerId);
  const grants = new Map<number, RepositoryGrant>();
  const grant = (userId: number, permission: RepositoryPermission, direct: boolean) => {
    const current = grants.get(userId);
    grants.set(userId, {
      userId,
      permission: stronger(current?.permission, permission),
      direct: (current?.direct ?? false) || direct,
      outside: owner.type === "Organization" && !owner.members.has(userId),
    });
  };
  if (owner.type === "User") grant(owner.id, "admin", false);
  for (const [userId, role] of owner.members) grant(userId, role === "admin" ? "admin" : "pull", false);
  for (const team of state.teamsOf(owner.id)) {
    const permission = team.repositories.get(repository.id);
    if (permission === undefined) continue;
    for (const userId of team.members.keys()) grant(userId, permission, false);
  }
  for (const [userId, permission] of state.directCollaborators(repository.id))
    grant(userId, permission, true);
  return [...grants.values()].sort((a, b) => a.userId - b.userId);
}

/** The role name GitHub shows for a permission (`push` is "write", `pull` is "read"). */
export function roleName(permission: RepositoryPermission): string {
  return { pull: "read", triage: "triage", push: "write", maintain: "maintain", admin: "admin" }[permission];
}
