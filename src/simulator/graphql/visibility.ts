import type { AccessTokenRecord } from "../state/access-token.js";
import type { AccountRecord } from "../state/account.js";
import type { TeamRecord } from "../state/team.js";
import { insufficientScopes } from "./graphql-error.js";

/** Scopes that let a classic token read an organization's members and teams. */
export const READ_ORG_SCOPES = ["read:org", "write:org", "admin:org"] as const;

/** Throws GitHub's INSUFFICIENT_SCOPES error unless the token has one of `read:org`, `write:org`, `admin:org`. */
export function requireReadOrg(token: AccessTokenRecord, field: string): void {
  if (!token.scopes.some((scope) => (READ_ORG_SCOPES as readonly string[]).includes(scope))) {
    throw insufficientScopes(field, READ_ORG_SCOPES, token.scopes);
  }
}

/**
 * Whether the viewer sees a team: organization owners see every team, other members see visible
 * (`closed`) teams and the secret teams they belong to; outsiders see none.
 */
export function canSeeTeam(team: TeamRecord, org: AccountRecord, viewer: AccountRecord): boolean {
  const role = org.members.get(viewer.id);
  if (role === undefined) return false;
  return role === "admin" || team.privacy === "closed" || team.members.has(viewer.id);
}
