import type { components } from "@octokit/openapi-types";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { nodeId } from "./node-id.js";
import { renderSimpleUser } from "./render-simple-user.js";

export type FullRepository = components["schemas"]["full-repository"];
export type MinimalRepository = components["schemas"]["minimal-repository"];
type RepositorySummary = components["schemas"]["repository"];
type Permissions = { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean };

/** What the viewer may do with a repository (drives `permissions` and admin-only fields). */
export interface RepositoryViewer {
  permissions: Permissions;
}

export const ADMIN_VIEWER: RepositoryViewer = {
  permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
};

/**
 * The fields every repository shape shares, in GitHub's order: identity, owner, the `*_url` templates,
 * dates, clone URLs, counters and flags. This is also the `repository` of webhook payloads.
 */
function renderRepositoryCore(repo: RepositoryRecord, state: SimulatorState, urls: ApiUrls) {
  const owner = state.getAccount(repo.ownerId);
  const fullName = `${owner.login}/${repo.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  const web = `${urls.web}/${fullName}`;
  const host = new URL(urls.web).hostname;
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: fullName,
    private: repo.visibility !== "public",
    owner: renderSimpleUser(owner, urls),
    html_url: web,
    description: repo.description,
    fork: repo.parentId !== null,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://${host}/${fullName}.git`,
    ssh_url: `git@${host}:${fullName}.git`,
    clone_url: `${web}.git`,
    svn_url: web,
    homepage: repo.homepage,
    size: repo.size,
    stargazers_count: repo.stargazersCount,
    watchers_count: repo.stargazersCount,
    language: repo.language,
    has_issues: repo.hasIssues,
    has_projects: repo.hasProjects,
    has_downloads: repo.hasDownloads,
    has_wiki: repo.hasWiki,
    has_pages: repo.hasPages,
    has_discussions: repo.hasDiscussions,
    forks_count: repo.forksCount,
    mirror_url: null,
    archived: repo.archived,
    disabled: repo.disabled,
    open_issues_count: repo.openIssuesCount,
    license: repo.license
      ? {
          key: repo.license.key,
          name: repo.license.name,
          spdx_id: repo.license.spdxId,
          url: `${urls.api}/licenses/${repo.license.key}`,
          node_id: Buffer.from(`07:License${repo.license.key}`).toString("base64"),
        }
      : null,
    allow_forking: repo.allowForking,
    is_template: repo.isTemplate,
    web_commit_signoff_required: repo.webCommitSignoffRequired,
    topics: [...repo.topics],
    visibility: repo.visibility,
    forks: repo.forksCount,
    open_issues: repo.openIssuesCount,
    watchers: repo.stargazersCount,
    default_branch: repo.defaultBranch,
  } satisfies RepositorySummary;
}

function securityAndAnalysis(): NonNullable<FullRepository["security_and_analysis"]> {
  return {
    secret_scanning: { status: "disabled" },
    secret_scanning_push_protection: { status: "disabled" },
    dependabot_security_updates: { status: "disabled" },
    secret_scanning_non_provider_patterns: { status: "disabled" },
  };
}

/**
 * The shape of list endpoints (`GET /orgs/{org}/repos`, `/user/repos`): `minimal-repository` as
 * GitHub actually fills it, with the viewer's `permissions`, and for admins `security_and_analysis`.
 */
export function renderMinimalRepository(
  repo: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
  viewer: RepositoryViewer,
): MinimalRepository {
  return {
    ...renderRepositoryCore(repo, state, urls),
    permissions: { ...viewer.permissions },
    ...(viewer.permissions.admin ? { security_and_analysis: securityAndAnalysis() } : {}),
    custom_properties: { ...repo.customProperties },
  };
}

/** `full-repository`: `GET /repos/{owner}/{repo}`, with merge settings, network counts, parent/source. */
export function renderFullRepository(
  repo: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
  viewer: RepositoryViewer,
): FullRepository {
  const owner = state.getAccount(repo.ownerId);
  const parent = repo.parentId === null ? undefined : state.getRepository(repo.parentId);
  let source = parent;
  while (source?.parentId != null) source = state.getRepository(source.parentId) ?? source;
  const admin = viewer.permissions.admin;
  const summary = (r: RepositoryRecord): RepositorySummary => renderRepositoryCore(r, state, urls);
  return {
    ...renderRepositoryCore(repo, state, urls),
    permissions: { ...viewer.permissions },
    ...(admin
      ? {
          allow_squash_merge: true,
          allow_merge_commit: true,
          allow_rebase_merge: true,
          allow_auto_merge: false,
          delete_branch_on_merge: repo.deleteBranchOnMerge,
          allow_update_branch: false,
          use_squash_pr_title_as_default: false,
          squash_merge_commit_message: "COMMIT_MESSAGES" as const,
          squash_merge_commit_title: "COMMIT_OR_PR_TITLE" as const,
          merge_commit_message: "PR_TITLE" as const,
          merge_commit_title: "MERGE_MESSAGE" as const,
        }
      : {}),
    temp_clone_token: "",
    ...(owner.type === "Organization" ? { organization: renderSimpleUser(owner, urls) } : {}),
    ...(parent ? { parent: summary(parent) } : {}),
    ...(source ? { source: summary(source) } : {}),
    ...(admin ? { security_and_analysis: securityAndAnalysis() } : {}),
    custom_properties: { ...repo.customProperties },
    network_count: source ? source.forksCount : repo.forksCount,
    subscribers_count: repo.subscribersCount,
  };
}

/** The `repository` of webhook payloads (the webhook schema's `repository` definition). */
export function renderWebhookRepository(repo: RepositoryRecord, state: SimulatorState, urls: ApiUrls) {
  return { ...renderRepositoryCore(repo, state, urls), custom_properties: { ...repo.customProperties } };
}
