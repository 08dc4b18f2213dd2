import { z } from "zod";

export const INSTALLATION_METHODS = ["scheduled", "self-hosted"] as const;
export type InstallationMethod = (typeof INSTALLATION_METHODS)[number];

/**
 * A data source as the API receives it. Sensitive integration settings are write-only: a text
 * sets or replaces one, `null` removes it, leaving it out keeps the stored value.
 */
export const dataSourceInputSchema = z.strictObject({
  name: z.string().trim().min(1, "give the data source a name").max(80, "at most 80 characters"),
  integration: z.string().min(1, "choose an integration"),
  installationMethod: z.enum(INSTALLATION_METHODS, {
    message: 'choose "scheduled" (resyncs on an interval) or "self-hosted" (with live webhooks)',
  }),
  integrationSettings: z.record(z.string(), z.unknown()).default({}),
  applicationSettings: z
    .strictObject({
      resyncIntervalMinutes: z
        .number({ message: "a whole number of minutes" })
        .int("a whole number of minutes")
        .min(60, "at least 60 minutes (1 hour)")
        .max(1440, "at most 1440 minutes (1 day)")
        .default(60),
      sendRawDataExamples: z.boolean({ message: "true or false" }).default(true),
    })
    .prefault({}),
  /** The mapping (port app config) as YAML; the integration's default mapping when left out. */
  mapping: z.string().optional(),
});

export type DataSourceInput = z.output<typeof dataSourceInputSchema>;

/** A data source as stored (sensitive settings apart, in the secret store). */
export interface DataSourceRecord {
  id: string;
  name: string;
  integration: string;
  installationMethod: InstallationMethod;
  /** The integration settings that are not sensitive. */
  settings: Record<string, unknown>;
  resyncIntervalMinutes: number;
  sendRawDataExamples: boolean;
  mapping: string;
  createdAt: string;
  updatedAt: string;
}

/** `My Org (prod)` → `my-org-prod`: the id in URLs and the webhook path. */
export function dataSourceIdFrom(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug === "" ? "data-source" : slug;
}
