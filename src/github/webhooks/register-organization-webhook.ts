/**
 * Makes sure an organization has Portolan's webhook (spec §5.1): find it by `config.url` among the
 * organization's hooks; create it when absent; when present, PATCH it only if the *presence* of a secret
 * differs between the settings and the hook, and `skipWebhookPatching` is off. The events of an existing
 * hook are never changed (a warning names the missing ones).
 */
import type { Logger } from "pino";
import type { GitHubClient } from "../client/github-client.js";

/** The 17 events of an organization webhook (spec §5.1), in Ocean's order. */
export const organizationWebhookEvents = [
  "repository",
  "pull_request",
  "issues",
  "release",
  "create",
  "delete",
  "push",
  "deployment",
  "deployment_status",
  "workflow_run",
  "dependabot_alert",
  "code_scanning_alert",
  "organization",
  "team",
  "membership",
  "member",
  "secret_scanning_alert",
] as const;

export interface OrganizationWebhookOptions {
  organization: string;
  /** `{base_url}/integration/webhook`. */
  webhookUrl: string;
  secret: string | undefined;
  skipWebhookPatching: boolean;
  logger: Logger;
  signal?: AbortSignal;
}

export type WebhookRegistrationStatus = "created" | "updated" | "unchanged";

export interface OrganizationWebhookResult {
  organization: string;
  status: WebhookRegistrationStatus;
  hookId: number;
}

interface Hook {
  id: number;
  active?: boolean;
  events?: string[];
  config?: { url?: string; secret?: string; content_type?: string };
}

export async function registerOrganizationWebhook(
  client: GitHubClient,
  options: OrganizationWebhookOptions,
): Promise<OrganizationWebhookResult> {
  const { organization, webhookUrl, secret, logger, signal } = options;
  const hooksRoute = `/orgs/${encodeURIComponent(organization)}/hooks`;
  const config = { url: webhookUrl, content_type: "json", ...(secret ? { secret } : {}) };

  let existing: Hook | undefined;
  for await (const page of client.pages<Hook>(
    `GET ${hooksRoute}`,
    {},
    {
      purpose: `listing webhooks of organization ${organization}`,
      signal,
    },
  )) {
    existing = page.find((hook) => hook.config?.url === webhookUrl);
    if (existing) break;
  }

  if (existing === undefined) {
    const created = await client.get<Hook>(
      `POST ${hooksRoute}`,
      {},
      {
        purpose: `creating the webhook of organization ${organization}`,
        signal,
        body: { name: "web", active: true, events: [...organizationWebhookEvents], config },
      },
    );
    logger.info({ organization, hookId: created.id, webhookUrl }, "organization webhook created");
    return { organization, status: "created", hookId: created.id };
  }

  const missing = organizationWebhookEvents.filter((event) => !(existing.events ?? []).includes(event));
  if (missing.length > 0 && !(existing.events ?? []).includes("*")) {
    logger.warn(
      { organization, hookId: existing.id, missing },
      "the existing organization webhook does not subscribe to every event Portolan handles; add them in the organization's webhook settings",
    );
  }
  if (existing.active === false) {
    logger.warn({ organization, hookId: existing.id }, "the existing organization webhook is inactive");
  }

  const secretMismatch = Boolean(secret) !== Boolean(existing.config?.secret);
  if (!secretMismatch) return { organization, status: "unchanged", hookId: existing.id };
  if (options.skipWebhookPatching) {
    logger.warn(
      { organization, hookId: existing.id, secretConfigured: Boolean(secret) },
      "the organization webhook's secret does not match the settings (one has a secret, the other not), and skipWebhookPatching is on: left as is",
    );
    return { organization, status: "unchanged", hookId: existing.id };
  }
  await client.request(
    `PATCH ${hooksRoute}/${existing.id}`,
    {},
    {
      purpose: `updating the secret of the webhook of organization ${organization}`,
      signal,
      body: { config },
    },
  );
  logger.info(
    { organization, hookId: existing.id, secretConfigured: Boolean(secret) },
    secret ? "organization webhook secret added" : "organization webhook secret removed",
  );
  return { organization, status: "updated", hookId: existing.id };
}
