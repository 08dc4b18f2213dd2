/**
 * The accounts (organizations, or personal accounts) a resync visits — spec §1.4 and the seed's
 * precedence rule: `githubOrganization` wins over the mapping's `organizations`.
 *
 * - `githubOrganization` set ⇒ exactly that account, `GET /users/{login}` (its `type` says Organization or User).
 * - else a classic token ⇒ the token owner first if `includeAuthenticatedUser`, then `GET /user/orgs` page by
 *   page, each item tagged `type: "Organization"`, kept when `organizations` is empty or lists it.
 * - else (fine-grained or installation token without `githubOrganization`) ⇒ `GITHUB_ORGANIZATION_REQUIRED`:
 *   such a token belongs to one resource owner, which must be named.
 */
import { PortolanError } from "../../engine/errors/portolan-error.js";
import type { RawObject } from "../../engine/integration/integration.js";
import type { RequestScope } from "../client/github-client.js";
import { tokenListsAllOrganizations } from "../client/token-kind.js";
import type { GitHubContext } from "../github-context.js";
import type { GitHubMappingOptions } from "../github-mapping-options.js";

export interface GitHubAccount extends RawObject {
  login: string;
  type?: string;
}

export function isPersonalAccount(account: GitHubAccount): boolean {
  return account.type === "User";
}

export async function* resolveOrganizations(
  context: GitHubContext,
  options: Pick<GitHubMappingOptions, "organizations" | "includeAuthenticatedUser">,
  scope: RequestScope = {},
): AsyncIterable<GitHubAccount[]> {
  const { client, settings, logger } = context;
  const scoped = settings.githubOrganization;
  if (scoped !== undefined) {
    if (options.organizations.length > 0) {
      logger.info(
        { githubOrganization: scoped, organizations: options.organizations },
        "githubOrganization is set, so the mapping's `organizations` list is ignored",
      );
    }
    const account = await client.get<GitHubAccount>(
      "GET /users/{login}",
      { login: scoped },
      { purpose: `reading the account ${scoped} (githubOrganization)`, ...scope },
    );
    yield [account];
    return;
  }

  if (!tokenListsAllOrganizations(client.tokenKind)) {
    throw new PortolanError(
      "GITHUB_ORGANIZATION_REQUIRED",
      `A ${client.tokenKind} token belongs to one organization or user, and githubOrganization is not set.`,
      {
        hint: "set githubOrganization (OCEAN__INTEGRATION__CONFIG__GITHUB_ORGANIZATION) to the token's resource owner, or use a classic token to sync several organizations",
        where: { source: "integration settings", path: "githubOrganization" },
      },
    );
  }

  if (options.includeAuthenticatedUser) {
    yield [await context.authenticatedUser(scope.signal)];
  }

  const wanted = new Set(options.organizations.map((login) => login.toLowerCase()));
  const seen = new Set<string>();
  for await (const page of client.pages<GitHubAccount>(
    "GET /user/orgs",
    {},
    { purpose: "listing the token user's organizations (GET /user/orgs)", ...scope },
  )) {
    const kept = page
      .filter((org) => wanted.size === 0 || wanted.has(org.login.toLowerCase()))
      .map((org) => ({ ...org, type: "Organization" }));
    for (const org of kept) seen.add(org.login.toLowerCase());
    if (kept.length > 0) yield kept;
  }
  const missing = options.organizations.filter((login) => !seen.has(login.toLowerCase()));
  if (missing.length > 0) {
    logger.warn(
      { missing },
      "organizations listed in the mapping are not among the token user's organizations and are skipped; check their spelling and the token's read:org scope",
    );
  }
}
