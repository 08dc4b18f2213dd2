import type { AccountRecord } from "./account.js";
import type { TeamRecord } from "./team.js";

/**
 * Whether the viewer sees a team: organization owners see every team, other members see visible
 * (`closed`) teams and the secret teams they belong to; outsiders see none.
 */
export function canSeeTeam(team: TeamRecord, org: AccountRecord, viewer: AccountRecord): boolean {
  const role = org.members.get(viewer.id);
  if (role === undefined) return false;
  return role === "admin" || team.privacy === "closed" || team.members.has(viewer.id);
}
