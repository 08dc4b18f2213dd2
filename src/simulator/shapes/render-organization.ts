import type { components } from "@octokit/openapi-types";
import type { AccountRecord } from "../state/account.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { nodeId } from "./node-id.js";

export type OrganizationSimple = components["schemas"]["organization-simple"];
export type OrganizationFull = components["schemas"]["organization-full"];

/** `organization-simple`: `GET /user/orgs` items and the `organization` of webhook payloads. */
export function renderOrganizationSimple(org: AccountRecord, urls: ApiUrls): OrganizationSimple {
  const api = `${urls.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("Organization", org.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${urls.web}/avatars/u/${org.id}?v=4`,
    description: org.description,
  };
}

/**
 * `organization-full`: `GET /orgs/{org}`. Members see the public part; the private counters and the
 * `members_can_*` settings are only shown to the organization's owners, as on GitHub.
 */
export function renderOrganizationFull(
  org: AccountRecord,
  state: SimulatorState,
  urls: ApiUrls,
  viewerIsOwner: boolean,
): OrganizationFull {
  const owned = state.repositoriesOwnedBy(org.id);
  const privateCount = owned.filter((r) => r.visibility !== "public").length;
  const publicPart: OrganizationFull = {
    ...renderOrganizationSimple(org, urls),
    name: org.name ?? org.login,
    company: org.company ?? "",
    blog: org.blog ?? "",
    location: org.location ?? "",
    email: org.email ?? "",
    twitter_username: org.twitterUsername,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: owned.filter((r) => r.visibility === "public").length,
    public_gists: 0,
    followers: org.followers,
    following: 0,
    html_url: `${urls.web}/${org.login}`,
    created_at: org.createdAt,
    updated_at: org.updatedAt,
    archived_at: null,
    type: "Organization",
  };
  if (!viewerIsOwner) return publicPart;
  return {
    ...publicPart,
    total_private_repos: privateCount,
    owned_private_repos: privateCount,
    private_gists: 0,
    disk_usage: owned.reduce((sum, r) => sum + r.size, 0),
    collaborators: 0,
    billing_email: `billing@${org.login}.example.dev`,
    default_repository_permission: "read",
    default_repository_branch: "main",
    members_can_create_repositories: true,
    two_factor_requirement_enabled: true,
    members_allowed_repository_creation_type: "all",
    members_can_create_public_repositories: true,
    members_can_create_private_repositories: true,
    members_can_create_internal_repositories: true,
    members_can_create_pages: true,
    members_can_create_public_pages: true,
    members_can_create_private_pages: true,
    members_can_delete_repositories: true,
    members_can_change_repo_visibility: true,
    members_can_invite_outside_collaborators: true,
    members_can_delete_issues: false,
    display_commenter_full_name_setting_enabled: false,
    readers_can_create_discussions: true,
    members_can_create_teams: true,
    members_can_view_dependency_insights: true,
    members_can_fork_private_repositories: false,
    web_commit_signoff_required: false,
    deploy_keys_enabled_for_repositories: true,
    advanced_security_enabled_for_new_repositories: false,
    dependabot_alerts_enabled_for_new_repositories: false,
    dependabot_security_updates_enabled_for_new_repositories: false,
    dependency_graph_enabled_for_new_repositories: false,
    secret_scanning_enabled_for_new_repositories: false,
    secret_scanning_push_protection_enabled_for_new_repositories: false,
    secret_scanning_push_protection_custom_link_enabled: false,
    secret_scanning_push_protection_custom_link: null,
    plan: {
      name: "enterprise",
      space: 976562499,
      private_repos: 999999,
      filled_seats: org.members.size,
      seats: 50,
    },
  };
}
