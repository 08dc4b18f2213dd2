/**
 * What every kind and event handler of the GitHub integration shares: the parsed settings, a logger, and
 * the authenticators (one per credential: the personal access token, or each App installation).
 */
import type { Logger } from "pino";
import type { GitHubClient, RequestScope } from "./client/github-client.js";
import type { GitHubAppInstallations } from "./github-app-installations.js";
import { createTokenAuthenticator, type GitHubAuthenticator } from "./github-authenticator.js";
import type { GitHubSettings } from "./github-settings.js";

export interface GitHubContext {
  readonly settings: GitHubSettings;
  readonly logger: Logger;
  readonly mode: "personal-access-token" | "github-app";
  /** Every authenticator a resync runs with. */
  authenticators(scope?: RequestScope): Promise<readonly GitHubAuthenticator[]>;
  /** The authenticator that may act on an account (a token covers all it can see); undefined if none. */
  authenticatorFor(login: string, scope?: RequestScope): Promise<GitHubAuthenticator | undefined>;
}

export function createTokenContext(
  settings: GitHubSettings,
  client: GitHubClient,
  logger: Logger,
): GitHubContext {
  const authenticator = createTokenAuthenticator(client, settings.githubOrganization);
  return {
    settings,
    logger,
    mode: "personal-access-token",
    authenticators: async () => [authenticator],
    authenticatorFor: async () => authenticator,
  };
}

export function createAppContext(
  settings: GitHubSettings,
  installations: GitHubAppInstallations,
  logger: Logger,
): GitHubContext {
  return {
    settings,
    logger,
    mode: "github-app",
    authenticators: (scope) => installations.list(scope),
    authenticatorFor: (login, scope) => installations.forOrganization(login, scope),
  };
}
