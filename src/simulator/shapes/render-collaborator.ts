import type { components } from "@octokit/openapi-types";
import type { RepositoryGrant } from "../state/repository-permissions.js";
import { roleName } from "../state/repository-permissions.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { REPOSITORY_PERMISSIONS, type RepositoryPermission } from "../state/team.js";
import type { ApiUrls } from "./api-urls.js";
import { renderSimpleUser } from "./render-simple-user.js";

export type Collaborator = components["schemas"]["collaborator"];

/** `{pull, triage, push, maintain, admin}` for a permission: each role includes the weaker ones. */
export function permissionFlags(permission: RepositoryPermission): NonNullable<Collaborator["permissions"]> {
  const rank = REPOSITORY_PERMISSIONS.indexOf(permission);
  const has = (p: RepositoryPermission) => REPOSITORY_PERMISSIONS.indexOf(p) <= rank;
  return {
    admin: has("admin"),
    maintain: has("maintain"),
    push: has("push"),
    triage: has("triage"),
    pull: has("pull"),
  };
}

/** `collaborator`: `GET /repos/{o}/{r}/collaborators` items, a simple user with `permissions` and `role_name`. */
export function renderCollaborator(
  grant: RepositoryGrant,
  state: SimulatorState,
  urls: ApiUrls,
): Collaborator {
  return {
    ...renderSimpleUser(state.getAccount(grant.userId), urls),
    permissions: permissionFlags(grant.permission),
    role_name: roleName(grant.permission),
  };
}
