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
