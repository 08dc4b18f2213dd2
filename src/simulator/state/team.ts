/** One organization team as the simulator stores it; `../shapes/render-team.ts` turns it into GitHub's JSON. */
export type TeamPrivacy = "closed" | "secret";
export type TeamRole = "member" | "maintainer";
/** Repository roles, weakest first. */
export const REPOSITORY_PERMISSIONS = ["pull", "triage", "push", "maintain", "admin"] as const;
export type RepositoryPermission = (typeof REPOSITORY_PERMISSIONS)[number];

export interface TeamRecord {
  id: number;
  orgId: number;
  name: string;
  slug: string;
  description: string | null;
  privacy: TeamPrivacy;
  notificationSetting: "notifications_enabled" | "notifications_disabled";
  createdAt: string;
  updatedAt: string;
  /** user id → role in the team. */
  members: Map<number, TeamRole>;
  /** repository id → the team's permission on it. */
  repositories: Map<number, RepositoryPermission>;
}

/** GitHub's slug of a team name: lower case, runs of other characters become one `-`. */
export function teamSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
