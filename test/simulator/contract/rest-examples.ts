import type { ContractFixture } from "./contract-fixture.js";

/** One request the contract test sends, relative to an API root, and the status GitHub would answer. */
export interface ExampleRequest {
  path: string;
  status: number;
  body?: unknown;
  /** Sent with a classic PAT with exactly these scopes (default `repo`, `read:org`), instead of the admin token. */
  scopes?: string[];
  /** Sent with a classic PAT of this user (default: the organization's owner), instead of the admin token. */
  login?: string;
  /** Sent with the seeded GitHub App's RS256 JWT, or a token of its installation on the organization. */
  credential?: "app-jwt" | "installation";
  /** For a `*` route that serves more than one operation: this request's, instead of the entry's. */
  operation?: string;
}

export interface RouteExamples {
  /** The operation of GitHub's OpenAPI description the route implements: `"GET /repos/{owner}/{repo}"`. */
  operation: string;
  examples: (f: ContractFixture) => ExampleRequest[];
}

/**
 * Example requests for every REST route the simulator serves, keyed by the route as fastify registers it
 * (`METHOD /pattern`). A new route fails the contract test until it has an entry here.
 *
 * Routes at `/repositories/{id}/…` (where GitHub's `Link` headers point) need no entry: they run the
 * examples of their `/repos/{owner}/{repo}/…` twin with the repository addressed by id.
 * Every route also gets, from the test itself: a 401 for a bad token, a 304 for a repeated GET with its
 * `ETag`, and for repository routes a 404 for a repository that does not exist.
 */
const PROTECTION = "GET /repos/{owner}/{repo}/branches/{branch}/protection";

export const REST_EXAMPLES: Record<string, RouteExamples> = {
  "GET /user": { operation: "GET /user", examples: () => [{ path: "/user", status: 200 }] },
  "GET /user/orgs": {
    operation: "GET /user/orgs",
    examples: () => [{ path: "/user/orgs?per_page=100", status: 200 }],
  },
  "GET /user/emails": {
    operation: "GET /user/emails",
    examples: () => [
      { path: "/user/emails", status: 200, scopes: ["user:email"] },
      { path: "/user/emails", status: 404, scopes: ["read:org"] },
    ],
  },
  "GET /user/repos": {
    operation: "GET /user/repos",
    examples: () => [
      { path: "/user/repos?affiliation=owner,organization_member&visibility=private", status: 200 },
      { path: "/user/repos?affiliation=owner", status: 200, scopes: ["read:user"] },
    ],
  },
  "GET /users/:login": {
    operation: "GET /users/{username}",
    examples: (f) => [
      { path: `/users/${f.viewer}`, status: 200 },
      { path: `/users/${f.org}`, status: 200 },
      { path: "/users/no-such-user-anywhere", status: 404 },
    ],
  },
  "GET /app": {
    operation: "GET /app",
    examples: () => [{ path: "/app", status: 200, credential: "app-jwt" }],
  },
  "GET /app/installations": {
    operation: "GET /app/installations",
    examples: () => [{ path: "/app/installations?per_page=100", status: 200, credential: "app-jwt" }],
  },
  "GET /app/installations/:id": {
    operation: "GET /app/installations/{installation_id}",
    examples: (f) => [
      { path: `/app/installations/${f.installationId}`, status: 200, credential: "app-jwt" },
      { path: "/app/installations/1", status: 404, credential: "app-jwt" },
    ],
  },
  "POST /app/installations/:id/access_tokens": {
    operation: "POST /app/installations/{installation_id}/access_tokens",
    examples: (f) => [
      { path: `/app/installations/${f.installationId}/access_tokens`, status: 201, credential: "app-jwt" },
      {
        path: `/app/installations/${f.installationId}/access_tokens`,
        status: 201,
        credential: "app-jwt",
        body: { repositories: [f.activity.record.name], permissions: { contents: "read" } },
      },
    ],
  },
  "GET /orgs/:org/installation": {
    operation: "GET /orgs/{org}/installation",
    examples: (f) => [{ path: `/orgs/${f.org}/installation`, status: 200, credential: "app-jwt" }],
  },
  "GET /repos/:owner/:repo/installation": {
    operation: "GET /repos/{owner}/{repo}/installation",
    examples: (f) => [
      { path: `/repos/${f.org}/${f.activity.record.name}/installation`, status: 200, credential: "app-jwt" },
    ],
  },
  "GET /installation/repositories": {
    operation: "GET /installation/repositories",
    examples: () => [
      { path: "/installation/repositories?per_page=5", status: 200, credential: "installation" },
    ],
  },
  "GET /search/repositories": {
    operation: "GET /search/repositories",
    examples: (f) => [
      { path: `/search/repositories?q=org:${f.org}&per_page=5`, status: 200 },
      { path: `/search/repositories?q=org:${f.org}+archived:false&sort=updated&order=desc`, status: 200 },
      { path: "/search/repositories", status: 422 },
    ],
  },
  "GET /rate_limit": { operation: "GET /rate_limit", examples: () => [{ path: "/rate_limit", status: 200 }] },
  "GET /orgs/:org": {
    operation: "GET /orgs/{org}",
    examples: (f) => [
      { path: `/orgs/${f.org}`, status: 200 },
      { path: "/orgs/no-such-org-anywhere", status: 404 },
    ],
  },
  "GET /orgs/:org/repos": {
    operation: "GET /orgs/{org}/repos",
    examples: (f) => [
      { path: `/orgs/${f.org}/repos?type=all&sort=full_name&per_page=3`, status: 200 },
      { path: `/orgs/${f.org}/repos?per_page=500&page=2`, status: 200 },
    ],
  },
  "GET /organizations/:id/repos": {
    // Undocumented alias GitHub's own `Link` headers use; same operation as /orgs/{org}/repos.
    operation: "GET /orgs/{org}/repos",
    examples: (f) => [{ path: `/organizations/${f.orgId}/repos?per_page=2&page=2`, status: 200 }],
  },
  "GET /orgs/:org/hooks": {
    operation: "GET /orgs/{org}/hooks",
    examples: (f) => [
      { path: `/orgs/${f.org}/hooks`, status: 200 },
      { path: `/orgs/${f.org}/hooks`, status: 404, scopes: [] },
    ],
  },
  "POST /orgs/:org/hooks": {
    operation: "POST /orgs/{org}/hooks",
    examples: (f) => [
      {
        path: `/orgs/${f.org}/hooks`,
        status: 201,
        body: { name: "web", events: ["pull_request"], config: { url: `${f.receiverUrl}&example=created` } },
      },
      { path: `/orgs/${f.org}/hooks`, status: 422, body: { name: "web", config: {} } },
    ],
  },
  "GET /orgs/:org/hooks/:hook_id": {
    operation: "GET /orgs/{org}/hooks/{hook_id}",
    examples: (f) => [
      { path: `/orgs/${f.org}/hooks/${f.hookId}`, status: 200 },
      { path: `/orgs/${f.org}/hooks/1`, status: 404 },
    ],
  },
  "PATCH /orgs/:org/hooks/:hook_id": {
    operation: "PATCH /orgs/{org}/hooks/{hook_id}",
    examples: (f) => [
      {
        path: `/orgs/${f.org}/hooks/${f.hookId}`,
        status: 200,
        body: { active: true, events: ["push", "pull_request"] },
      },
      { path: `/orgs/${f.org}/hooks/${f.hookId}`, status: 422, body: { events: "push" } },
    ],
  },
  "DELETE /orgs/:org/hooks/:hook_id": {
    operation: "DELETE /orgs/{org}/hooks/{hook_id}",
    examples: (f) => [
      { path: `/orgs/${f.org}/hooks/${f.disposableHookId}`, status: 204 },
      { path: `/orgs/${f.org}/hooks/${f.disposableHookId}`, status: 404 },
    ],
  },
  "POST /orgs/:org/hooks/:hook_id/pings": {
    operation: "POST /orgs/{org}/hooks/{hook_id}/pings",
    examples: (f) => [{ path: `/orgs/${f.org}/hooks/${f.hookId}/pings`, status: 204 }],
  },
  "GET /orgs/:org/hooks/:hook_id/config": {
    operation: "GET /orgs/{org}/hooks/{hook_id}/config",
    examples: (f) => [
      { path: `/orgs/${f.org}/hooks/${f.hookId}/config`, status: 200 },
      { path: `/orgs/${f.org}/hooks/1/config`, status: 404 },
    ],
  },
  "PATCH /orgs/:org/hooks/:hook_id/config": {
    operation: "PATCH /orgs/{org}/hooks/{hook_id}/config",
    examples: (f) => [
      { path: `/orgs/${f.org}/hooks/${f.hookId}/config`, status: 200, body: { content_type: "json" } },
    ],
  },
  "GET /orgs/:org/hooks/:hook_id/deliveries": {
    operation: "GET /orgs/{org}/hooks/{hook_id}/deliveries",
    examples: (f) => [
      { path: `/orgs/${f.org}/hooks/${f.hookId}/deliveries?per_page=2`, status: 200 },
      { path: `/orgs/${f.org}/hooks/1/deliveries`, status: 404 },
    ],
  },
  "GET /orgs/:org/hooks/:hook_id/deliveries/:delivery_id": {
    operation: "GET /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}",
    examples: (f) => [
      { path: `/orgs/${f.org}/hooks/${f.hookId}/deliveries/${f.hookDeliveryId}`, status: 200 },
      { path: `/orgs/${f.org}/hooks/${f.hookId}/deliveries/999999999`, status: 404 },
    ],
  },
  "POST /orgs/:org/hooks/:hook_id/deliveries/:delivery_id/attempts": {
    operation: "POST /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}/attempts",
    examples: (f) => [
      { path: `/orgs/${f.org}/hooks/${f.hookId}/deliveries/${f.hookDeliveryId}/attempts`, status: 202 },
    ],
  },
  "GET /repos/:owner/:repo/hooks": {
    operation: "GET /repos/{owner}/{repo}/hooks",
    examples: (f) => [
      { path: `${f.activity.root}/hooks?per_page=1`, status: 200 },
      { path: `${f.activity.root}/hooks`, status: 200, scopes: ["read:repo_hook"] },
      { path: `${f.activity.root}/hooks`, status: 404, scopes: ["read:org"] },
      { path: `${f.activity.root}/hooks`, status: 404, login: f.member },
    ],
  },
  "POST /repos/:owner/:repo/hooks": {
    operation: "POST /repos/{owner}/{repo}/hooks",
    examples: (f) => [
      {
        path: `${f.activity.root}/hooks`,
        status: 201,
        body: {
          name: "web",
          events: ["push", "pull_request"],
          config: { url: `${f.receiverUrl}&hook=repository-created`, content_type: "json", secret: "s3cret" },
        },
      },
      { path: `${f.activity.root}/hooks`, status: 422, body: { name: "web", config: {} } },
      {
        path: `${f.activity.root}/hooks`,
        status: 404,
        scopes: ["read:repo_hook"],
        body: { name: "web", config: { url: `${f.receiverUrl}&hook=refused` } },
      },
    ],
  },
  "GET /repos/:owner/:repo/hooks/:hook_id": {
    operation: "GET /repos/{owner}/{repo}/hooks/{hook_id}",
    examples: (f) => [
      { path: `${f.activity.root}/hooks/${f.repositoryHookId}`, status: 200 },
      { path: `${f.activity.root}/hooks/${f.hookId}`, status: 404 },
    ],
  },
  "PATCH /repos/:owner/:repo/hooks/:hook_id": {
    operation: "PATCH /repos/{owner}/{repo}/hooks/{hook_id}",
    examples: (f) => [
      {
        path: `${f.activity.root}/hooks/${f.repositoryHookId}`,
        status: 200,
        body: { events: ["push", "repository"], active: true },
      },
      { path: `${f.activity.root}/hooks/${f.repositoryHookId}`, status: 422, body: { events: "push" } },
    ],
  },
  "DELETE /repos/:owner/:repo/hooks/:hook_id": {
    operation: "DELETE /repos/{owner}/{repo}/hooks/{hook_id}",
    examples: (f) => [
      {
        path: `${f.activity.root}/hooks/${f.disposableRepositoryHookId}`,
        status: 404,
        scopes: ["write:repo_hook"],
      },
      { path: `${f.activity.root}/hooks/${f.disposableRepositoryHookId}`, status: 204 },
      { path: `${f.activity.root}/hooks/${f.disposableRepositoryHookId}`, status: 404 },
    ],
  },
  "POST /repos/:owner/:repo/hooks/:hook_id/pings": {
    operation: "POST /repos/{owner}/{repo}/hooks/{hook_id}/pings",
    examples: (f) => [{ path: `${f.activity.root}/hooks/${f.repositoryHookId}/pings`, status: 204 }],
  },
  "GET /repos/:owner/:repo/hooks/:hook_id/config": {
    operation: "GET /repos/{owner}/{repo}/hooks/{hook_id}/config",
    examples: (f) => [{ path: `${f.activity.root}/hooks/${f.repositoryHookId}/config`, status: 200 }],
  },
  "PATCH /repos/:owner/:repo/hooks/:hook_id/config": {
    operation: "PATCH /repos/{owner}/{repo}/hooks/{hook_id}/config",
    examples: (f) => [
      {
        path: `${f.activity.root}/hooks/${f.repositoryHookId}/config`,
        status: 200,
        body: { content_type: "json" },
      },
    ],
  },
  "GET /repos/:owner/:repo/hooks/:hook_id/deliveries": {
    operation: "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries",
    examples: (f) => [
      { path: `${f.activity.root}/hooks/${f.repositoryHookId}/deliveries?per_page=1`, status: 200 },
      { path: `${f.activity.root}/hooks/1/deliveries`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/hooks/:hook_id/deliveries/:delivery_id": {
    operation: "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}",
    examples: (f) => [
      {
        path: `${f.activity.root}/hooks/${f.repositoryHookId}/deliveries/${f.repositoryHookDeliveryId}`,
        status: 200,
      },
      { path: `${f.activity.root}/hooks/${f.repositoryHookId}/deliveries/${f.hookDeliveryId}`, status: 404 },
    ],
  },
  "POST /repos/:owner/:repo/hooks/:hook_id/deliveries/:delivery_id/attempts": {
    operation: "POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts",
    examples: (f) => [
      {
        path: `${f.activity.root}/hooks/${f.repositoryHookId}/deliveries/${f.repositoryHookDeliveryId}/attempts`,
        status: 202,
      },
    ],
  },
  "GET /orgs/:org/issue-types": {
    operation: "GET /orgs/{org}/issue-types",
    examples: (f) => [
      { path: `/orgs/${f.org}/issue-types`, status: 200 },
      { path: `/orgs/${f.org}/issue-types`, status: 404, scopes: [] },
      { path: "/orgs/no-such-org-anywhere/issue-types", status: 404 },
    ],
  },
  "GET /orgs/:org/teams": {
    operation: "GET /orgs/{org}/teams",
    examples: (f) => [{ path: `/orgs/${f.org}/teams?per_page=100`, status: 200 }],
  },
  "GET /orgs/:org/teams/:slug": {
    operation: "GET /orgs/{org}/teams/{team_slug}",
    examples: (f) => [
      { path: `/orgs/${f.org}/teams/${f.team}`, status: 200 },
      { path: `/orgs/${f.org}/teams/no-such-team`, status: 404 },
    ],
  },
  "GET /orgs/:org/teams/:slug/members": {
    operation: "GET /orgs/{org}/teams/{team_slug}/members",
    examples: (f) => [{ path: `/orgs/${f.org}/teams/${f.team}/members?role=all`, status: 200 }],
  },
  "GET /orgs/:org/teams/:slug/repos": {
    operation: "GET /orgs/{org}/teams/{team_slug}/repos",
    examples: (f) => [{ path: `/orgs/${f.org}/teams/${f.team}/repos`, status: 200 }],
  },
  "GET /orgs/:org/teams/:slug/external-groups": {
    operation: "GET /orgs/{org}/teams/{team_slug}/external-groups",
    // Simulated organizations are not enterprise-managed: GitHub's 400 for those.
    examples: (f) => [{ path: `/orgs/${f.org}/teams/${f.team}/external-groups`, status: 400 }],
  },
  "GET /repos/:owner/:repo": {
    operation: "GET /repos/{owner}/{repo}",
    examples: (f) => [{ path: f.activity.root, status: 200 }],
  },
  "GET /repos/:owner/:repo/contents": {
    operation: "GET /repos/{owner}/{repo}/contents/{path}",
    examples: (f) => [
      { path: `${f.activity.root}/contents`, status: 200 },
      { path: `${f.empty.root}/contents`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/contents/*": {
    operation: "GET /repos/{owner}/{repo}/contents/{path}",
    examples: (f) => [
      { path: `${f.activity.root}/contents/${f.file}?ref=${f.branch}`, status: 200 },
      { path: `${f.activity.root}/contents/${f.directory}`, status: 200 },
      { path: `${f.activity.root}/contents/no/such/file.txt`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/pulls": {
    operation: "GET /repos/{owner}/{repo}/pulls",
    examples: (f) => [
      { path: `${f.activity.root}/pulls?state=all&per_page=1`, status: 200 },
      { path: `${f.activity.root}/pulls?state=closed&sort=updated&direction=asc`, status: 200 },
    ],
  },
  "GET /repos/:owner/:repo/pulls/:number": {
    operation: "GET /repos/{owner}/{repo}/pulls/{pull_number}",
    examples: (f) => [
      { path: `${f.activity.root}/pulls/${f.pullNumber}`, status: 200 },
      { path: `${f.activity.root}/pulls/999999`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/issues": {
    operation: "GET /repos/{owner}/{repo}/issues",
    examples: (f) => [{ path: `${f.activity.root}/issues?state=all&per_page=1`, status: 200 }],
  },
  "GET /repos/:owner/:repo/issues/:number": {
    operation: "GET /repos/{owner}/{repo}/issues/{issue_number}",
    examples: (f) => [
      { path: `${f.activity.root}/issues/${f.issueNumber}`, status: 200 },
      { path: `${f.activity.root}/issues/${f.pullNumber}`, status: 200 },
      { path: `${f.activity.root}/issues/999999`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/releases": {
    operation: "GET /repos/{owner}/{repo}/releases",
    examples: (f) => [{ path: `${f.activity.root}/releases?per_page=1`, status: 200 }],
  },
  "GET /repos/:owner/:repo/releases/:release_id": {
    operation: "GET /repos/{owner}/{repo}/releases/{release_id}",
    examples: (f) => [
      { path: `${f.activity.root}/releases/${f.releaseId}`, status: 200 },
      { path: `${f.activity.root}/releases/1`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/tags": {
    operation: "GET /repos/{owner}/{repo}/tags",
    examples: (f) => [{ path: `${f.activity.root}/tags?per_page=1`, status: 200 }],
  },
  "GET /repos/:owner/:repo/git/ref/*": {
    operation: "GET /repos/{owner}/{repo}/git/ref/{ref}",
    examples: (f) => [
      { path: `${f.activity.root}/git/ref/heads/${f.branch}`, status: 200 },
      { path: `${f.activity.root}/git/ref/tags/${f.tag}`, status: 200 },
      { path: `${f.activity.root}/git/ref/heads/no-such-branch`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/git/refs/*": {
    // GitHub still answers the pre-`git/ref` form of a single ref; the description keeps only `git/ref`.
    operation: "GET /repos/{owner}/{repo}/git/ref/{ref}",
    examples: (f) => [{ path: `${f.activity.root}/git/refs/heads/${f.branch}`, status: 200 }],
  },
  "GET /repos/:owner/:repo/branches": {
    operation: "GET /repos/{owner}/{repo}/branches",
    examples: (f) => [
      { path: `${f.activity.root}/branches?per_page=1`, status: 200 },
      { path: `${f.activity.root}/branches?protected=true`, status: 200 },
    ],
  },
  "GET /repos/:owner/:repo/branches/*": {
    operation: "GET /repos/{owner}/{repo}/branches/{branch}",
    examples: (f) => [
      { path: `${f.activity.root}/branches/${f.branch}`, status: 200 },
      { path: `${f.activity.root}/branches/no-such-branch`, status: 404 },
      { path: `${f.activity.root}/branches/${f.branch}/protection`, status: 200, operation: PROTECTION },
      {
        path: `${f.activity.root}/branches/${f.branch}/protection`,
        status: 403,
        operation: PROTECTION,
        login: f.member,
      },
    ],
  },
  "GET /repos/:owner/:repo/git/trees/*": {
    operation: "GET /repos/{owner}/{repo}/git/trees/{tree_sha}",
    examples: (f) => [
      { path: `${f.activity.root}/git/trees/${f.treeSha}`, status: 200 },
      { path: `${f.activity.root}/git/trees/${f.branch}?recursive=1`, status: 200 },
      { path: `${f.activity.root}/git/trees/${"0".repeat(40)}`, status: 404 },
      { path: `${f.empty.root}/git/trees/main`, status: 409 },
    ],
  },
  "GET /repos/:owner/:repo/compare/*": {
    operation: "GET /repos/{owner}/{repo}/compare/{basehead}",
    examples: (f) => [
      { path: `${f.activity.root}/compare/${f.parentSha}...${f.commitSha}`, status: 200 },
      { path: `${f.activity.root}/compare/${f.parentSha}...no-such-ref`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/commits": {
    operation: "GET /repos/{owner}/{repo}/commits",
    examples: (f) => [
      { path: `${f.activity.root}/commits?per_page=2&sha=${f.branch}`, status: 200 },
      { path: `${f.activity.root}/commits?path=${f.file}`, status: 200 },
      { path: `${f.empty.root}/commits`, status: 409 },
    ],
  },
  "GET /repos/:owner/:repo/commits/*": {
    operation: "GET /repos/{owner}/{repo}/commits/{ref}",
    examples: (f) => [
      { path: `${f.activity.root}/commits/${f.commitSha}`, status: 200 },
      { path: `${f.activity.root}/commits/${f.branch}`, status: 200 },
      { path: `${f.activity.root}/commits/no-such-ref`, status: 422 },
    ],
  },
  "GET /repos/:owner/:repo/teams": {
    operation: "GET /repos/{owner}/{repo}/teams",
    examples: (f) => [{ path: `${f.activity.root}/teams`, status: 200 }],
  },
  "GET /repos/:owner/:repo/collaborators": {
    operation: "GET /repos/{owner}/{repo}/collaborators",
    examples: (f) => [
      { path: `${f.activity.root}/collaborators?affiliation=direct&per_page=2`, status: 200 },
      { path: `${f.activity.root}/collaborators?affiliation=everyone`, status: 422 },
    ],
  },
  "GET /repos/:owner/:repo/collaborators/:username/permission": {
    operation: "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
    examples: (f) => [
      { path: `${f.activity.root}/collaborators/${f.collaborator}/permission`, status: 200 },
      { path: `${f.activity.root}/collaborators/no-such-user-anywhere/permission`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/actions/workflows": {
    operation: "GET /repos/{owner}/{repo}/actions/workflows",
    examples: (f) => [{ path: `${f.actions.root}/actions/workflows?per_page=1`, status: 200 }],
  },
  "GET /repos/:owner/:repo/actions/workflows/:workflow": {
    operation: "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}",
    examples: (f) => [
      { path: `${f.actions.root}/actions/workflows/${f.workflowId}`, status: 200 },
      { path: `${f.actions.root}/actions/workflows/${f.workflowFile}`, status: 200 },
      { path: `${f.actions.root}/actions/workflows/no-such.yml`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/actions/workflows/:workflow/runs": {
    operation: "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
    examples: (f) => [
      { path: `${f.actions.root}/actions/workflows/${f.workflowId}/runs?per_page=1`, status: 200 },
      { path: `${f.actions.root}/actions/workflows/${f.workflowFile}/runs?status=completed`, status: 200 },
    ],
  },
  "GET /repos/:owner/:repo/actions/runs/:run": {
    operation: "GET /repos/{owner}/{repo}/actions/runs/{run_id}",
    examples: (f) => [
      { path: `${f.actions.root}/actions/runs/${f.runId}`, status: 200 },
      { path: `${f.actions.root}/actions/runs/1`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/environments": {
    operation: "GET /repos/{owner}/{repo}/environments",
    examples: (f) => [{ path: `${f.deployments.root}/environments`, status: 200 }],
  },
  "GET /repos/:owner/:repo/environments/:name": {
    operation: "GET /repos/{owner}/{repo}/environments/{environment_name}",
    examples: (f) => [
      { path: `${f.deployments.root}/environments/${encodeURIComponent(f.environment)}`, status: 200 },
      { path: `${f.deployments.root}/environments/no-such-environment`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/environments/:name/variables": {
    operation: "GET /repos/{owner}/{repo}/environments/{environment_name}/variables",
    examples: (f) => [
      {
        path: `${f.deployments.root}/environments/${encodeURIComponent(f.environment)}/variables?per_page=1`,
        status: 200,
      },
    ],
  },
  "GET /repos/:owner/:repo/deployments": {
    operation: "GET /repos/{owner}/{repo}/deployments",
    examples: (f) => [
      { path: `${f.deployments.root}/deployments?per_page=1`, status: 200 },
      {
        path: `${f.deployments.root}/deployments?environment=${encodeURIComponent(f.environment)}`,
        status: 200,
      },
    ],
  },
  "GET /repos/:owner/:repo/deployments/:deployment_id": {
    operation: "GET /repos/{owner}/{repo}/deployments/{deployment_id}",
    examples: (f) => [
      { path: `${f.deployments.root}/deployments/${f.deploymentId}`, status: 200 },
      { path: `${f.deployments.root}/deployments/1`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/deployments/:deployment_id/statuses": {
    operation: "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
    examples: (f) => [
      { path: `${f.deployments.root}/deployments/${f.deploymentId}/statuses?per_page=1`, status: 200 },
      { path: `${f.deployments.root}/deployments/1/statuses`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/deployments/:deployment_id/statuses/:status_id": {
    operation: "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}",
    examples: (f) => [
      {
        path: `${f.deployments.root}/deployments/${f.deploymentId}/statuses/${f.deploymentStatusId}`,
        status: 200,
      },
      { path: `${f.deployments.root}/deployments/${f.deploymentId}/statuses/1`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/dependabot/alerts": {
    operation: "GET /repos/{owner}/{repo}/dependabot/alerts",
    examples: (f) => [
      { path: `${f.dependabot.root}/dependabot/alerts?state=open,dismissed&per_page=2`, status: 200 },
      { path: `${f.empty.root}/dependabot/alerts`, status: 403 },
    ],
  },
  "GET /repos/:owner/:repo/dependabot/alerts/:number": {
    operation: "GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}",
    examples: (f) => [
      { path: `${f.dependabot.root}/dependabot/alerts/${f.alertNumber.dependabot}`, status: 200 },
      { path: `${f.dependabot.root}/dependabot/alerts/999999`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/code-scanning/alerts": {
    operation: "GET /repos/{owner}/{repo}/code-scanning/alerts",
    examples: (f) => [
      { path: `${f.codeScanning.root}/code-scanning/alerts?per_page=2`, status: 200 },
      { path: `${f.empty.root}/code-scanning/alerts`, status: 403 },
    ],
  },
  "GET /repos/:owner/:repo/code-scanning/alerts/:number": {
    operation: "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}",
    examples: (f) => [
      { path: `${f.codeScanning.root}/code-scanning/alerts/${f.alertNumber.codeScanning}`, status: 200 },
      { path: `${f.codeScanning.root}/code-scanning/alerts/999999`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/secret-scanning/alerts": {
    operation: "GET /repos/{owner}/{repo}/secret-scanning/alerts",
    examples: (f) => [
      { path: `${f.secretScanning.root}/secret-scanning/alerts?per_page=2`, status: 200 },
      { path: `${f.empty.root}/secret-scanning/alerts`, status: 404 },
    ],
  },
  "GET /repos/:owner/:repo/secret-scanning/alerts/:number": {
    operation: "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}",
    examples: (f) => [
      {
        path: `${f.secretScanning.root}/secret-scanning/alerts/${f.alertNumber.secretScanning}`,
        status: 200,
      },
      { path: `${f.secretScanning.root}/secret-scanning/alerts/999999`, status: 404 },
    ],
  },
};
