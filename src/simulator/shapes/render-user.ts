import type { components } from "@octokit/openapi-types";
import type { AccountRecord } from "../state/account.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { renderSimpleUser } from "./render-simple-user.js";

export type PublicUser = components["schemas"]["public-user"];
export type PrivateUser = components["schemas"]["private-user"];

/**
 * `public-user`: `GET /users/{login}`. GitHub answers organizations here too, in the same shape with
 * `type: "Organization"`.
 */
export function renderPublicUser(account: AccountRecord, state: SimulatorState, urls: ApiUrls): PublicUser {
  const owned = state.repositoriesOwnedBy(account.id);
  return {
    ...renderSimpleUser(account, urls),
    name: account.name,
    company: account.company,
    blog: account.blog,
    location: account.location,
    email: account.email,
    hireable: null,
    bio: account.type === "Organization" ? account.description : account.bio,
    twitter_username: account.twitterUsername,
    public_repos: owned.filter((r) => r.visibility === "public").length,
    public_gists: 0,
    followers: account.followers,
    following: account.following,
    created_at: account.createdAt,
    updated_at: account.updatedAt,
  };
}

/** `private-user`: `GET /user`, the authenticated user's own profile with its private counters. */
export function renderPrivateUser(account: AccountRecord, state: SimulatorState, urls: ApiUrls): PrivateUser {
  const owned = state.repositoriesOwnedBy(account.id);
  const privateCount = owned.filter((r) => r.visibility !== "public").length;
  return {
    ...renderPublicUser(account, state, urls),
    notification_email: account.email,
    private_gists: 0,
    total_private_repos: privateCount,
    owned_private_repos: privateCount,
    disk_usage: owned.reduce((sum, r) => sum + r.size, 0),
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: "pro", space: 976562499, collaborators: 0, private_repos: 9999 },
  };
}
