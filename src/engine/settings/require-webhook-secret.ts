import { PortolanError } from "../errors/portolan-error.js";
import type { Settings } from "./settings-schema.js";

/**
 * With `baseUrl` set, Portolan registers its webhook in GitHub and the endpoint is reachable from
 * outside; without a secret anyone could post forged deliveries into the catalog. Ocean only warns
 * (its signatures are then not checked); Portolan refuses to start.
 */
export function requireWebhookSecret(settings: Settings): void {
  if (!settings.baseUrl) return;
  const secret = settings.integration.config.webhookSecret;
  if (typeof secret === "string" && secret.trim() !== "") return;
  throw new PortolanError(
    "SETTINGS_WEBHOOK_SECRET_REQUIRED",
    secret === undefined
      ? "webhookSecret is not set, but baseUrl is: the webhook would accept unsigned deliveries"
      : "webhookSecret must be non-empty text",
    {
      where: { source: "settings", path: "integration.config.webhookSecret" },
      hint: "Set OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET (or integration.config.webhookSecret in config.yaml) to a long random string, e.g. from `openssl rand -hex 32`; Portolan gives it to GitHub when it registers the webhook. Or unset baseUrl to run without webhooks.",
    },
  );
}
