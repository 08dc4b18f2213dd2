/**
 * Makes sure one hooks collection (`/orgs/{o}/hooks` or `/repos/{o}/{r}/hooks`) has Portolan's webhook
 * (spec §5.1): find it by `config.url` across the collection's pages; create it when absent. When present
 * and `skipWebhookPatching` is off, one PATCH repairs what differs: events Portolan needs that the hook
 * lacks (added; events a user subscribed to besides are kept), an inactive hook, a content type other
 * than `json`, or the *presence* of a secret (GitHub masks the value, so a changed value cannot be seen).
 * Ocean only repairs the secret's presence; a hook missing events loses live events silently.
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

  const repair = webhookRepair(existing, options.events, secret);
  if (repair.reasons.length === 0) return { status: "unchanged", hookId: existing.id };
  if (options.skipWebhookPatching) {
    logger.warn(
      { target, hookId: existing.id, differences: repair.reasons },
      "the webhook differs from what Portolan needs, and skipWebhookPatching is on: left as is",
    );
    return { status: "unchanged", hookId: existing.id };
  }
  await client.request(
    `PATCH ${hooksPath}/${existing.id}`,
    {},
    {
      purpose: `updating the webhook of ${target}`,
      signal,
      body: {
        ...(repair.events ? { events: repair.events } : {}),
        ...(repair.activate ? { active: true } : {}),
        ...(repair.config ? { config } : {}),
      },
    },
  );
  logger.info({ target, hookId: existing.id, changes: repair.reasons }, "webhook updated");
  return { status: "updated", hookId: existing.id };
}

/** What one PATCH must change on an existing hook, and why (for the log). */
function webhookRepair(
  hook: Hook,
  needed: readonly string[],
  secret: string | undefined,
): { reasons: string[]; events?: string[]; activate: boolean; config: boolean } {
  const reasons: string[] = [];
  const subscribed = hook.events ?? [];
  const missing = subscribed.includes("*") ? [] : needed.filter((event) => !subscribed.includes(event));
  if (missing.length > 0) reasons.push(`events added: ${missing.join(", ")}`);
  const activate = hook.active === false;
  if (activate) reasons.push("activated");
  // GitHub always shows the content type; a hook without one is left to the secret check.
  const contentType = hook.config?.content_type ?? "json";
  const secretMismatch = Boolean(secret) !== Boolean(hook.config?.secret);
  if (contentType !== "json") reasons.push(`content type ${contentType} → json`);
  if (secretMismatch) reasons.push(secret ? "secret added" : "secret removed");
  return {
    reasons,
    ...(missing.length > 0 ? { events: [...subscribed, ...missing] } : {}),
    activate,
    config: contentType !== "json" || secretMismatch,
  };
}
