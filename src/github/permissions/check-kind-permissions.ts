/**
 * Before any sync: the credential's type decides how its permissions are read — a classic token's
 * `X-OAuth-Scopes` from one `GET /user`, a GitHub App installation's granted `permissions`, a
 * fine-grained token's by one probe per needed permission — and each kind of the mapping is checked.
 */
import { tokenListsAllOrganizations } from "../client/token-kind.js";
import type { GitHubAuthenticator } from "../github-authenticator.js";
import type { GitHubContext } from "../github-context.js";
import { missingAppPermissions } from "./app-permission-check.js";
import { missingClassicScopes } from "./classic-scope-check.js";
import {
  ALWAYS_GRANTED,
  permissionProbes,
  probeResponseOf,
  probeShowsMissingPermission,
} from "./fine-grained-probe.js";
import { addMissing, type MissingPermission } from "./missing-permission.js";
import type { PermissionNeed } from "./permission-needs.js";

export async function checkKindPermissions(
  context: GitHubContext,
  needs: readonly PermissionNeed[],
): Promise<MissingPermission[]> {
  const missing: MissingPermission[] = [];
  for (const authenticator of await context.authenticators()) {
    const { tokenKind } = authenticator.client;
    if (authenticator.installationPermissions !== undefined) {
      missing.push(
        ...missingAppPermissions(authenticator.installationPermissions, needs, authenticator.organization),
      );
    } else if (tokenKind === "fine-grained") {
      missing.push(...(await probeFineGrained(authenticator, needs)));
    } else if (tokenListsAllOrganizations(tokenKind)) {
      const response = await authenticator.client.request(
        "GET /user",
        {},
        { purpose: "reading the token's scopes (GET /user)" },
      );
      const header = response.headers["x-oauth-scopes"];
      // A server that sends no scopes header (some GitHub Enterprise Server setups) cannot be checked.
      if (typeof header !== "string") continue;
      const scopes = header
        .split(",")
        .map((scope) => scope.trim())
        .filter((scope) => scope !== "");
      missing.push(...missingClassicScopes(scopes, needs));
    }
  }
  return missing;
}

async function probeFineGrained(
  authenticator: GitHubAuthenticator,
  needs: readonly PermissionNeed[],
): Promise<MissingPermission[]> {
  const owner = authenticator.organization;
  // A fine-grained token without githubOrganization fails at its first listing with a clearer error.
  if (owner === undefined) return [];
  const needed = new Map<string, { title: string; kinds: string[] }>();
  for (const { label, requirement } of needs) {
    const permission = requirement.permission;
    if (!permission || permission.key === ALWAYS_GRANTED) continue;
    const entry = needed.get(permission.key) ?? { title: permission.title, kinds: [] };
    entry.kinds.push(label);
    needed.set(permission.key, entry);
  }
  if (needed.size === 0) return [];
  const purpose = { purpose: `finding a repository of ${owner} to check the token's permissions on` };
  // The owner is an organization, or (404 there) a user.
  const [repository] =
    (await authenticator.client.getOrNull<Array<{ name: string }>>(
      "GET /orgs/{org}/repos",
      { org: owner, per_page: 1 },
      purpose,
    )) ??
    (await authenticator.client.get<Array<{ name: string }>>(
      "GET /users/{username}/repos",
      { username: owner, per_page: 1 },
      purpose,
    ));
  const missing: MissingPermission[] = [];
  for (const [key, { title, kinds: blocked }] of needed) {
    const probe = permissionProbes[key];
    // Without a repository the repository permissions cannot be probed; nothing would be listed anyway.
    if (!probe || (probe.needsRepository && repository === undefined)) continue;
    try {
      await authenticator.client.request(
        probe.route,
        { owner, repo: repository?.name, per_page: 1 },
        { purpose: `checking the token's ${title} permission` },
      );
    } catch (error) {
      const response = probeResponseOf(error);
      if (!response) throw error;
      if (!probeShowsMissingPermission(response)) continue;
      for (const kind of blocked)
        addMissing(missing, { credential: "fine-grained", permission: `${title}: Read` }, kind);
    }
  }
  return missing;
}
