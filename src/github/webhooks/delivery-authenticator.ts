/**
 * The authenticator that applies a delivery from an account: undefined when the integration does not
 * sync that account (another `githubOrganization`, or not in the mapping's `organizations`), and
 * `GITHUB_APP_NOT_INSTALLED` when it should but no App installation covers it.
 */
import { PortolanError } from "../../engine/errors/portolan-error.js";
import type { LiveEvent, MappingOptions } from "../../engine/integration/integration.js";
import type { GitHubAuthenticator } from "../github-authenticator.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { isSyncedAccount } from "./repository-event.js";

export async function authenticatorForDelivery(
  context: GitHubContext,
  event: LiveEvent,
  account: { login: string; personal: boolean },
  mappingOptions: MappingOptions,
): Promise<GitHubAuthenticator | undefined> {
  const options = parseGitHubMappingOptions(mappingOptions);
  const included = account.personal && options.includeAuthenticatedUser;
  if (!isSyncedAccount(context, account.login, options.organizations, included)) return undefined;
  const authenticator = await context.authenticatorFor(account.login);
  if (authenticator === undefined) {
    throw new PortolanError(
      "GITHUB_APP_NOT_INSTALLED",
      `A ${event.name} delivery came from ${account.login}, where the GitHub App has no active installation.`,
      {
        hint: `install the App on ${account.login}, or remove the webhook that sends ${account.login}'s events here`,
        where: { source: `webhook delivery ${event.deliveryId}`, path: "organization.login" },
      },
    );
  }
  return authenticator;
}
