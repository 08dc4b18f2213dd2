import { z } from "zod";

/**
 * Portolan's settings, with Ocean's names (camelCase here; `OCEAN__EVENT_WORKERS_COUNT` and
 * `eventWorkersCount` in config.yaml are the same setting). Parsed once at start, then typed.
 */
export const settingsSchema = z.object({
  integration: z
    .object({
      identifier: z.string().min(1).default("github"),
      type: z.string().min(1).default("github"),
      /** The integration's own settings (githubToken, githubOrganization, webhookSecret, …). */
      config: z.record(z.string(), z.unknown()).default({}),
    })
    .prefault({}),
  /** Ocean's `event_workers_count`: parallel webhook workers, each resource's events kept in order. */
  eventWorkersCount: z.coerce.number().int().min(1).max(64).default(1),
  /** Ocean's `max_event_processing_seconds`: a live event running longer is abandoned as failed. */
  maxEventProcessingSeconds: z.coerce.number().positive().default(90),
  /** Minutes between full resyncs: 1 hour to 1 day (the portal's choices). Unset: no schedule. */
  scheduledResyncInterval: z.coerce
    .number()
    .int()
    .min(60, "the resync interval is at least 60 minutes (1 hour)")
    .max(1440, "the resync interval is at most 1440 minutes (1 day)")
    .optional(),
  /** Minutes between incremental syncs (spec §6), which also look that far back on a first run. Unset: none. */
  incrementalSyncInterval: z.coerce
    .number()
    .int()
    .min(1, "the incremental sync interval is at least 1 minute")
    .max(1440, "the incremental sync interval is at most 1440 minutes (1 day)")
    .optional(),
  /**
   * Seconds between checks of the registered webhooks for deliveries that never arrived (redelivered
   * through the source's deliveries API) while the server runs; 0: only at start. One request per
   * organization webhook per check, skipped while the rate limit is kept for live events.
   */
  webhookRecoveryIntervalSeconds: z.coerce
    .number()
    .int()
    .min(0, "the webhook recovery interval is 0 (only at start) or more seconds")
    .max(86_400, "the webhook recovery interval is at most 86400 seconds (1 day)")
    .default(300),
  sendRawDataExamples: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")])
    .default(true),
  /** Public URL of this server; webhooks are registered at `{baseUrl}/integration/webhook`. */
  baseUrl: z.url().optional(),
  /** The mapping file; the integration's default mapping when unset. */
  mappingFile: z.string().optional(),
  /** `postgres://…`: PostgreSQL instead of the embedded store. */
  databaseUrl: z.string().optional(),
  dataDir: z.string().default(".portolan"),
  /** The portal's admin password (PORTOLAN_ADMIN_PASSWORD); generated and printed once when unset. */
  adminPassword: z.string().min(8, "the admin password needs at least 8 characters").optional(),
  /**
   * Port's API as the catalog target (Ocean's `port.clientId` … — `OCEAN__PORT__CLIENT_ID` — or
   * `PORT_CLIENT_ID`, `PORT_CLIENT_SECRET`, `PORT_BASE_URL`). Unset: the embedded catalog.
   * Kept apart from `port` below, which is this server's TCP port.
   */
  portApi: z
    .object({
      clientId: z.string({ error: "Port's API needs PORT_CLIENT_ID too" }).min(1, "PORT_CLIENT_ID is empty"),
      clientSecret: z
        .string({ error: "Port's API needs PORT_CLIENT_SECRET too" })
        .min(1, "PORT_CLIENT_SECRET is empty"),
      baseUrl: z.url().default("https://api.getport.io"),
    })
    .optional(),
  /** PORTOLAN_SECRET_KEY: 32 bytes (base64 or hex) encrypting stored secrets; else `{dataDir}/secret.key`. */
  secretKey: z.string().optional(),
  host: z.string().default("127.0.0.1"),
  port: z.coerce.number().int().min(0).max(65535).default(8000),
});

export type Settings = z.infer<typeof settingsSchema>;
