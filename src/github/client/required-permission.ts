/**
 * Which token permission a GitHub endpoint needs, so a 403 or a permission-shaped 404 can name it.
 * Fine-grained names follow GitHub's "Permissions required for fine-grained personal access tokens";
 * classic names are OAuth scopes.
 */
export interface RequiredPermission {
  /** e.g. `Repository permissions › Contents: read-only`. */
  fineGrained: string;
  /** e.g. `repo`. */
  classic: string;
}

const rules: ReadonlyArray<{ method?: string; pattern: RegExp; permission: RequiredPermission }> = [
  {
    pattern: /^\/orgs\/[^/]+\/hooks(\/|$)/,
    permission: {
      fineGrained: "Organization permissions › Webhooks: read and write",
      classic: "admin:org_hook",
    },
  },
  {
    pattern: /^\/repos\/[^/]+\/[^/]+\/hooks(\/|$)/,
    permission: {
      fineGrained: "Repository permissions › Webhooks: read and write",
      classic: "admin:repo_hook",
    },
  },
  {
    pattern: /^\/repos\/[^/]+\/[^/]+\/contents(\/|$)/,
    permission: { fineGrained: "Repository permissions › Contents: read-only", classic: "repo" },
  },
  {
    pattern: /^\/repos\/[^/]+\/[^/]+\/(collaborators|teams)(\/|$)/,
    permission: {
      fineGrained: "Repository permissions › Administration: read-only",
      classic: "repo, read:org",
    },
  },
  {
    pattern: /^\/repos\/[^/]+\/[^/]+\/pulls(\/|$)/,
    permission: { fineGrained: "Repository permissions › Pull requests: read-only", classic: "repo" },
  },
  {
    pattern: /^\/repos\/[^/]+\/[^/]+\/issues(\/|$)/,
    permission: { fineGrained: "Repository permissions › Issues: read-only", classic: "repo" },
  },
  {
    pattern: /^\/repos\/[^/]+\/[^/]+\/branches\/.+\/protection$/,
    permission: { fineGrained: "Repository permissions › Administration: read-only", classic: "repo" },
  },
  {
    pattern: /^\/repos\/[^/]+\/[^/]+\/(releases|tags|branches|git\/refs?)(\/|$)/,
    permission: { fineGrained: "Repository permissions › Contents: read-only", classic: "repo" },
  },
  {
    pattern: /^\/user\/orgs$/,
    permission: { fineGrained: "Organization permissions › Members: read-only", classic: "read:org" },
  },
  {
    pattern: /^\/orgs\/[^/]+\/(members|teams)(\/|$)/,
    permission: { fineGrained: "Organization permissions › Members: read-only", classic: "read:org" },
  },
  {
    pattern:
      /^\/(orgs\/[^/]+\/repos|repos\/[^/]+\/[^/]+|user\/repos|users\/[^/]+\/repos|search\/repositories)$/,
    permission: { fineGrained: "Repository permissions › Metadata: read-only", classic: "repo" },
  },
];

export function requiredPermissionFor(path: string): RequiredPermission | undefined {
  const clean = path.replace(/^\/api\/v3(?=\/)/, "").split("?")[0] ?? path;
  return rules.find((rule) => rule.pattern.test(clean))?.permission;
}

export function describePermission(permission: RequiredPermission): string {
  return `${permission.fineGrained} (fine-grained token) or the \`${permission.classic}\` scope (classic token)`;
}

/** A permission of fine-grained tokens and GitHub Apps (they share the names), at read level. */
export interface GitHubPermission {
  /** The API's name, as in an installation's `permissions` and `X-Accepted-GitHub-Permissions`. */
  key: string;
  /** The name on GitHub's token and App settings pages. */
  title: string;
  owner: "repository" | "organization";
}

/** What a kind needs to list its objects, per credential type. */
export interface KindRequirement {
  /**
   * Classic OAuth scopes: every group needs one of its scopes (broader scopes count, see
   * `grantedClassicScopes`). Empty when public data needs none (private repositories need `repo`).
   */
  classicScopes: ReadonlyArray<readonly string[]>;
  /** The fine-grained token / GitHub App permission (read), or null when none is needed. */
  permission: GitHubPermission | null;
}

const permission = (key: string, title: string, owner: GitHubPermission["owner"] = "repository") => ({
  key,
  title,
  owner,
});
const metadata = permission("metadata", "Metadata");
const contents = permission("contents", "Contents");
const actions = permission("actions", "Actions");
const deployments = permission("deployments", "Deployments");
const members = permission("members", "Members", "organization");
const readOrg = ["read:org"];
const securityEvents = ["security_events", "repo", "public_repo"];

/**
 * Kind → what it needs, from GitHub's "Permissions required for fine-grained personal access tokens"
 * / "… for GitHub Apps" and each endpoint's classic-scope note.
 */
export const kindRequirements: Readonly<Record<string, KindRequirement>> = {
  organization: { classicScopes: [], permission: null },
  repository: { classicScopes: [], permission: metadata },
  "pull-request": { classicScopes: [], permission: permission("pull_requests", "Pull requests") },
  issue: { classicScopes: [], permission: permission("issues", "Issues") },
  release: { classicScopes: [], permission: contents },
  tag: { classicScopes: [], permission: contents },
  branch: { classicScopes: [], permission: contents },
  folder: { classicScopes: [], permission: contents },
  file: { classicScopes: [], permission: contents },
  skill: { classicScopes: [], permission: contents },
  plugin: { classicScopes: [], permission: contents },
  workflow: { classicScopes: [], permission: actions },
  "workflow-run": { classicScopes: [], permission: actions },
  environment: { classicScopes: [], permission: actions },
  deployment: { classicScopes: [], permission: deployments },
  "deployment-status": { classicScopes: [], permission: deployments },
  user: { classicScopes: [readOrg], permission: members },
  team: { classicScopes: [readOrg], permission: members },
  collaborator: { classicScopes: [["repo"], readOrg], permission: metadata },
  "dependabot-alert": {
    classicScopes: [securityEvents],
    permission: permission("vulnerability_alerts", "Dependabot alerts"),
  },
  "code-scanning-alerts": {
    classicScopes: [securityEvents],
    permission: permission("security_events", "Code scanning alerts"),
  },
  "secret-scanning-alerts": {
    classicScopes: [securityEvents],
    permission: permission("secret_scanning_alerts", "Secret scanning alerts"),
  },
};

/** Scopes a broader classic scope includes (GitHub's scope hierarchy). */
const includedScopes: Readonly<Record<string, readonly string[]>> = {
  repo: ["public_repo", "repo:status", "repo_deployment", "repo:invite", "security_events"],
  "admin:org": ["write:org", "read:org"],
  "write:org": ["read:org"],
  "admin:org_hook": [],
  user: ["read:user", "user:email", "user:follow"],
};

/** The scopes a classic token effectively has, given its `X-OAuth-Scopes`. */
export function grantedClassicScopes(scopes: readonly string[]): Set<string> {
  const granted = new Set<string>();
  const add = (scope: string) => {
    if (granted.has(scope)) return;
    granted.add(scope);
    for (const included of includedScopes[scope] ?? []) add(included);
  };
  for (const scope of scopes) add(scope);
  return granted;
}
