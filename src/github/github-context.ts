/**
 * What every kind and event handler of the GitHub integration shares: the parsed settings, the client of
 * the one credential, a logger, and the token owner (looked up once).
 */
import type { Logger } from "pino";
import type { GitHubClient } from "./client/github-client.js";
import type { GitHubSettings } from "./github-settings.js";

export interface GitHubContext {
  readonly settings: GitHubSettings;
  readonly client: GitHubClient;
  readonly logger: Logger;
  /** `GET /user`, fetched on first use and kept for the life of the integration. */
  authenticatedUser(signal?: AbortSignal): Promise<Record<string, unknown> & { login: string }>;
}

export function createGitHubContext(
  settings: GitHubSettings,
  client: GitHubClient,
  logger: Logger,
): GitHubContext {
  let user: Promise<Record<string, unknown> & { login: string }> | undefined;
  return {
    settings,
    client,
    logger,
    authenticatedUser(signal) {
      if (user === undefined) {
        user = client.get<Record<string, unknown> & { login: string }>(
          "GET /user",
          {},
          { purpose: "reading the token's user (GET /user)", signal },
        );
        // A failed lookup is not cached: the next caller tries again.
        user.catch(() => {
          user = undefined;
        });
      }
      return user;
    },
  };
}
