/** A GitHub account the simulator knows: a user or an organization. Timestamps are ISO-8601 without ms. */
export interface AccountRecord {
  type: "User" | "Organization";
  id: number;
  login: string;
  name: string | null;
  company: string | null;
  blog: string | null;
  location: string | null;
  email: string | null;
  bio: string | null;
  twitterUsername: string | null;
  /** Organizations only: the profile description. */
  description: string | null;
  followers: number;
  following: number;
  createdAt: string;
  updatedAt: string;
  /** Organizations only: member user ids, with their role. */
  members: Map<number, "admin" | "member">;
}
