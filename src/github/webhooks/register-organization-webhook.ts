/**
 * Makes sure an organization has Portolan's webhook (spec §5.1), subscribed to the 17 organization
 * events; see `ensure-webhook.ts` for when it is created or patched.
 */
import type { Logger } from "pino";
import type { GitHubClient } from "../client/github-client.js";
import { ensureWebhook, type WebhookRegistrationStatus } from "./ensure-webhook.js";

export type { WebhookRegistrationStatus } from "./ensure-webhook.js";

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

export interface OrganizationWebhookResult {
  organization: string;
  status: WebhookRegistrationStatus;
  hookId: number;
}

export async function registerOrganizationWebhook(
  client: GitHubClient,
  options: OrganizationWebhookOptions,
): Promise<OrganizationWebhookResult> {
  const { organization } = options;
  const result = await ensureWebhook(client, {
    hooksPath: `/orgs/${encodeURIComponent(organization)}/hooks`,
    target: `organization ${organization}`,
    events: organizationWebhookEvents,
    webhookUrl: options.webhookUrl,
    secret: options.secret,
    skipWebhookPatching: options.skipWebhookPatching,
    logger: options.logger,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { organization, ...result };
}
