import type { Integration } from "../integration/integration.js";
import type { Logger } from "../logging/create-logger.js";
import type { Database } from "../store/database.js";

/** One integration setting as the integration's spec declares it (Ocean's `configurations` entry). */
export interface SettingSpec {
  name: string;
  type: string;
  description: string;
  required: boolean;
  /** Stored encrypted, never returned by the API (Ocean's `sensitive: true`). */
  sensitive: boolean;
  default?: unknown;
  enum?: readonly string[];
  /** Ocean's `format`, e.g. `tabSwitcher`: the setting only switches which other settings the form shows. */
  format?: string;
  /** Shown (and required) only while another setting has this value (Ocean's `dependencies`). */
  shownWhen?: { setting: string; equals: string };
}

/** A setting's problem, named by the setting so the portal shows it at its field. */
export interface FieldError {
  field: string;
  message: string;
}

/** One webhook an integration registered, or tried to, as the data source's page shows it. */
export interface WebhookOutcome {
  /** What the webhook is on: an organization, or an account's repository. */
  target: string;
  /** `registered`: created; `patched`: an existing hook was updated to match. */
  status: "registered" | "patched" | "unchanged" | "skipped" | "failed";
  /** Why it failed or was skipped. */
  reason?: string;
}

/** An installed integration as the data sources need it: started, and able to register its webhooks. */
export interface StartedIntegration extends Integration {
  /** Registers the live-event webhook at `url` in the source system (self-hosted installations). */
  registerWebhooks(url: string): Promise<WebhookOutcome[]>;
  /** Throws when its credentials are not usable (e.g. the source answers 401); for `/healthz`. */
  verifyAccess(): Promise<unknown>;
}

/**
 * What the engine knows of a kind of integration (GitHub, say) to store, validate and run data
 * sources of it — and nothing more: the engine never imports an integration.
 */
export interface IntegrationType {
  type: string;
  title: string;
  description: string;
  settings: readonly SettingSpec[];
  defaultMapping(): string;
  /** Every problem of these settings, per setting; empty when they would start. */
  validateSettings(settings: Record<string, unknown>): FieldError[];
  /** `store`: the catalog's store, where the integration may keep what saves it requests (ETags, say). */
  create(settings: Record<string, unknown>, logger: Logger, store: Database): Promise<StartedIntegration>;
}
