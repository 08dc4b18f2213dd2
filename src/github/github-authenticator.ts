/**
 * An authenticator is one credential the integration acts with, and the account it is scoped to
 * (spec §1.4, §2): the personal access token (scoped to `githubOrganization`, or unscoped), or one GitHub
 * App installation (scoped to its account). A resync runs once per authenticator.
 */
import type { GitHubClient } from "./client/github-client.js";

export type GitHubAccountObject = Record<string, unknown> & { login: string };

export interface GitHubAuthenticator {
  /** `pat`, or `installation:{id}`. */
  readonly id: string;
  readonly client: GitHubClient;
  /** The one account this credential covers; `undefined` for a classic token without `githubOrganization`. */
  readonly organization: string | undefined;
  /** A GitHub App installation's granted permissions (`{contents: "read", …}`); tokens have none. */
  readonly installationPermissions?: Readonly<Record<string, string>>;
  /** `GET /user` of a token's user, fetched once (not available to an App installation). */
  authenticatedUser(signal?: AbortSignal): Promise<GitHubAccountObject>;
}

export function createTokenAuthenticator(
  client: GitHubClient,
  organization: string | undefined,
): GitHubAuthenticator {
  let user: Promise<GitHubAccountObject> | undefined;
  return {
    id: "pat",
    client,
    organization,
    authenticatedUser(signal) {
      if (user === undefined) {
        user = client.get<GitHubAccountObject>(
          "GET /user",
          {},
          { purpose: "reading the token's user (GET /user)", signal },
        );
        // A failed lookup is not kept: the next caller tries again.
        user.catch(() => {
          user = undefined;
        });
      }
      return user;
    },
  };
}
