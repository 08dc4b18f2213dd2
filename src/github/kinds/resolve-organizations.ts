/**
 * The accounts (organizations, or personal accounts) one authenticator visits — spec §1.4 and the seed's
 * precedence rule: `githubOrganization` wins over the mapping's `organizations`.
 *
 * - a scoped authenticator (`githubOrganization`, or an App installation) ⇒ exactly its account,
 *   `GET /users/{login}` (its `type` says Organization or User).
 * - else a classic token ⇒ the token owner first if `includeAuthenticatedUser`, then `GET /user/orgs` page by
 *   page, each item tagged `type: "Organization"`, kept when `organizations` is empty or lists it.
 * - else (fine-grained or installation token without `githubOrganization`) ⇒ `GITHUB_ORGANIZATION_REQUIRED`:
 *   such a token belongs to one resource owner, which must be named.
 */
import { PortolanError } from "../../engine/errors/portolan-error.js";
import type { RawObject } from "../../engine/integration/integration.js";
import type { RequestScope } from "../client/github-client.js";
import { tokenListsAllOrganizations } from "../client/token-kind.js";
import type { GitHubAuthenticator } from "../github-authenticator.js";
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
  authenticator: GitHubAuthenticator,
  options: Pick<GitHubMappingOptions, "organizations" | "includeAuthenticatedUser">,
  scope: RequestScope = {},
): AsyncIterable<GitHubAccount[]> {
  const { logger } = context;
  const { client } = authenticator;
  const scoped = authenticator.organization;
  if (scoped !== undefined) {
    if (options.organizations.length > 0) {
      logger.info(
        { githubOrganization: scoped, organizations: options.organizations },
        "the credential is scoped to one account (githubOrganization or an App installation), so the mapping's `organizations` list is ignored",
      );
    }
    const account = await client.get<GitHubAccount>(
      "GET /users/{login}",
      { login: scoped },
      { purpose: `reading the account ${scoped}`, ...scope },
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
    yield [await authenticator.authenticatedUser(scope.signal)];
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

/**
 * Runs `fn` for every authenticator in turn. One authenticator failing does not stop the others (spec
 * §1.4); its error is logged and, once all have run, thrown (several as one `AggregateError`).
 */
export async function* acrossAuthenticators<T>(
  context: GitHubContext,
  scope: RequestScope,
  fn: (authenticator: GitHubAuthenticator) => AsyncIterable<T>,
): AsyncIterable<T> {
  const authenticators = await context.authenticators(scope);
  const errors: unknown[] = [];
  for (const authenticator of authenticators) {
    try {
      yield* fn(authenticator);
    } catch (error) {
      if (scope.signal?.aborted || authenticators.length === 1) throw error;
      context.logger.error(
        { authenticator: authenticator.id, err: error },
        "GitHub authenticator failed; continuing",
      );
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    throw new AggregateError(
      errors,
      `${errors.length} of ${authenticators.length} GitHub App installations failed`,
    );
  }
}
