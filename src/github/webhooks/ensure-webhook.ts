/**
 * Makes sure one hooks collection (`/orgs/{o}/hooks` or `/repos/{o}/{r}/hooks`) has Portolan's webhook
 * (spec §5.1): find it by `config.url` across the collection's pages; create it when absent; when present,
 * PATCH it only if the *presence* of a secret differs between the settings and the hook, and
 * `skipWebhookPatching` is off. The events of an existing hook are never changed (a warning names the
 * missing ones).
 */
import type { Logger } from "pino";
import type { GitHubClient } from "../client/github-client.js";

export interface EnsureWebhookOptions {
  /** e.g. `/orgs/acme/hooks`, already URL-encoded. */
  hooksPath: string;
  /** Names the target in messages, e.g. `organization acme`. */
  target: string;
  events: readonly string[];
  /** `{base_url}/integration/webhook`. */
  webhookUrl: string;
  secret: string | undefined;
  skipWebhookPatching: boolean;
  logger: Logger;
  signal?: AbortSignal;
}

export type WebhookRegistrationStatus = "created" | "updated" | "unchanged";

export interface EnsuredWebhook {
  status: WebhookRegistrationStatus;
  hookId: number;
}

interface Hook {
  id: number;
  active?: boolean;
  events?: string[];
  config?: { url?: string; secret?: string; content_type?: string };
}

export async function ensureWebhook(
  client: GitHubClient,
  options: EnsureWebhookOptions,
): Promise<EnsuredWebhook> {
  const { hooksPath, target, webhookUrl, secret, logger, signal } = options;
  const config = { url: webhookUrl, content_type: "json", ...(secret ? { secret } : {}) };

  let existing: Hook | undefined;
  for await (const page of client.pages<Hook>(
    `GET ${hooksPath}`,
    {},
    {
      purpose: `listing webhooks of ${target}`,
      signal,
    },
  )) {
    existing = page.find((hook) => hook.config?.url === webhookUrl);
    if (existing) break;
  }

  if (existing === undefined) {
    const created = await client.get<Hook>(
      `POST ${hooksPath}`,
      {},
      {
        purpose: `creating the webhook of ${target}`,
        signal,
        body: { name: "web", active: true, events: [...options.events], config },
      },
    );
    logger.info({ target, hookId: created.id, webhookUrl }, "webhook created");
    return { status: "created", hookId: created.id };
  }

  const subscribed = existing.events ?? [];
  const missing = options.events.filter((event) => !subscribed.includes(event));
  if (missing.length > 0 && !subscribed.includes("*")) {
    logger.warn(
      { target, hookId: existing.id, missing },
      "the existing webhook does not subscribe to every event Portolan handles; add them in GitHub's webhook settings",
    );
  }
  if (existing.active === false)
    logger.warn({ target, hookId: existing.id }, "the existing webhook is inactive");

  const secretMismatch = Boolean(secret) !== Boolean(existing.config?.secret);
  if (!secretMismatch) return { status: "unchanged", hookId: existing.id };
  if (options.skipWebhookPatching) {
    logger.warn(
      { target, hookId: existing.id, secretConfigured: Boolean(secret) },
      "the webhook's secret does not match the settings (one has a secret, the other not), and skipWebhookPatching is on: left as is",
    );
    return { status: "unchanged", hookId: existing.id };
  }
  await client.request(
    `PATCH ${hooksPath}/${existing.id}`,
    {},
    { purpose: `updating the secret of the webhook of ${target}`, signal, body: { config } },
  );
  logger.info(
    { target, hookId: existing.id, secretConfigured: Boolean(secret) },
    secret ? "webhook secret added" : "webhook secret removed",
  );
  return { status: "updated", hookId: existing.id };
}
