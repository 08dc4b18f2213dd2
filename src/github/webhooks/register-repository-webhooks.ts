/**
 * A personal account has no organization webhook, so each of its repositories gets one (spec §5.1):
 * the repositories come from `GET /installation/repositories` (App) or `GET /user/repos?affiliation=owner`
 * (a token of that very user — another user's repositories cannot be hooked with it). Repository hooks
 * subscribe to the organization events minus `organization`, `team`, `membership` and `member`.
 */
import type { Logger } from "pino";
import type { RawObject } from "../../engine/integration/integration.js";
import type { GitHubAuthenticator } from "../github-authenticator.js";
import { mapConcurrent } from "../map-concurrent.js";
import { ensureWebhook, type WebhookRegistrationStatus } from "./ensure-webhook.js";
import { organizationWebhookEvents } from "./register-organization-webhook.js";

const organizationOnly = new Set(["organization", "team", "membership", "member"]);

export const repositoryWebhookEvents: readonly string[] = organizationWebhookEvents.filter(
  (event) => !organizationOnly.has(event),
);

export interface RepositoryWebhooksOptions {
  /** The personal account's login. */
  account: string;
  webhookUrl: string;
  secret: string | undefined;
  skipWebhookPatching: boolean;
  logger: Logger;
  signal?: AbortSignal;
}

export type RepositoryWebhookResult =
  | { repository: string; status: WebhookRegistrationStatus; hookId: number }
  | { repository: string; status: "failed"; error: Error };

export interface RepositoryWebhooksOutcome {
  /** Why nothing was attempted, when nothing was. */
  skipped?: string;
  repositories: RepositoryWebhookResult[];
}

/** `/repos/{owner}/{repo}/hooks` of `owner/repo`, URL-encoded: where its hooks and their deliveries live. */
export function repositoryHooksPath(fullName: string): string {
  const [owner = "", name = ""] = fullName.split("/");
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/hooks`;
}

/** Hooks processed at the same time. */
const concurrency = 5;

export async function registerRepositoryWebhooks(
  authenticator: GitHubAuthenticator,
  options: RepositoryWebhooksOptions,
): Promise<RepositoryWebhooksOutcome> {
  const { client } = authenticator;
  const { account, signal } = options;
  let route: string;
  let params: Record<string, string>;
  if (client.tokenKind === "installation") {
    route = "GET /installation/repositories";
    params = {};
  } else {
    const user = await authenticator.authenticatedUser(signal);
    if (user.login.toLowerCase() !== account.toLowerCase()) {
      return {
        skipped: `the token belongs to ${user.login}, not to ${account}; only ${account} can add webhooks to its repositories`,
        repositories: [],
      };
    }
    route = "GET /user/repos";
    params = { affiliation: "owner" };
  }
  const results: RepositoryWebhookResult[] = [];
  for await (const page of client.pages<RawObject>(route, params, {
    purpose: `listing repositories of ${account} to hook`,
    ...(signal ? { signal } : {}),
  })) {
    const owned = page.filter(
      (repository) =>
        String((repository.owner as { login?: unknown } | undefined)?.login ?? "").toLowerCase() ===
        account.toLowerCase(),
    );
    results.push(
      ...(await mapConcurrent(owned, concurrency, async (repository): Promise<RepositoryWebhookResult> => {
        const name = String(repository.name);
        const fullName = `${account}/${name}`;
        try {
          const ensured = await ensureWebhook(client, {
            hooksPath: repositoryHooksPath(fullName),
            target: `repository ${fullName}`,
            events: repositoryWebhookEvents,
            webhookUrl: options.webhookUrl,
            secret: options.secret,
            skipWebhookPatching: options.skipWebhookPatching,
            logger: options.logger,
            ...(signal ? { signal } : {}),
          });
          return { repository: fullName, ...ensured };
        } catch (error) {
          return {
            repository: fullName,
            status: "failed",
            error: error instanceof Error ? error : new Error(String(error)),
          };
        }
      })),
    );
  }
  return { repositories: results };
}
