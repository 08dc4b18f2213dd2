import { parse } from "yaml";
import type { FieldError, IntegrationType, SettingSpec } from "../engine/data-sources/integration-type.js";
import { PortolanError } from "../engine/errors/portolan-error.js";
import { attachStoreEtagCache } from "./client/attach-store-etag-cache.js";
import { createGitHubIntegration } from "./create-github-integration.js";
import { defaultMapping } from "./defaults/default-mapping.js";
import { integrationSpec } from "./defaults/integration-spec.js";
import { describeIssue, githubSettingsSchema, parseGitHubSettings } from "./github-settings.js";
import { describeWebhookRegistrations } from "./webhooks/describe-webhook-registrations.js";

interface SpecFile {
  title: string;
  description: string;
  configurations: Array<{
    name: string;
    type: string;
    description: string;
    required?: boolean;
    sensitive?: boolean;
    default?: unknown;
    enum?: string[];
    format?: string;
    dependencies?: Array<{ on: string; when: { equals: string } }>;
  }>;
}

const spec = parse(integrationSpec) as SpecFile;

/** The settings, with their descriptions, exactly as Ocean's spec.yaml declares them. */
const settings: SettingSpec[] = spec.configurations.map((entry) => ({
  name: entry.name,
  type: entry.type,
  description: entry.description,
  required: entry.required ?? false,
  sensitive: entry.sensitive ?? false,
  ...(entry.default === undefined ? {} : { default: entry.default }),
  ...(entry.enum ? { enum: entry.enum } : {}),
  ...(entry.format ? { format: entry.format } : {}),
  ...(entry.dependencies?.[0]
    ? { shownWhen: { setting: entry.dependencies[0].on, equals: entry.dependencies[0].when.equals } }
    : {}),
}));

/** Every problem of the settings at its field: each setting's own rule, then the credentials rule. */
function validateSettings(input: Record<string, unknown>): FieldError[] {
  const result = githubSettingsSchema.safeParse(input);
  if (!result.success) {
    return result.error.issues.map((issue) => ({
      field: String(issue.path[0] ?? "githubToken"),
      message: describeIssue(issue),
    }));
  }
  try {
    parseGitHubSettings(input);
    return [];
  } catch (error) {
    if (!(error instanceof PortolanError)) throw error;
    // Worded for a form: parseGitHubSettings' own messages name environment variables.
    const field = error.where?.path ?? "githubToken";
    return [
      {
        field,
        message:
          field === "githubToken"
            ? "give a personal access token, or a GitHub App's id and private key"
            : "a GitHub App needs both its id (githubAppId) and its private key (githubAppPrivateKey)",
      },
    ];
  }
}

/** The GitHub integration as the data sources see it: Ocean's spec, its default mapping, and a factory. */
export const githubIntegrationType: IntegrationType = {
  type: "github",
  title: spec.title,
  description: spec.description,
  settings,
  defaultMapping: () => defaultMapping,
  validateSettings,
  create: async (input, logger, store) => {
    const integration = await createGitHubIntegration(input, { logger });
    // Stored data sources keep ETags and remembered reads like the settings one: an unchanged resync is cheap.
    attachStoreEtagCache(integration, store);
    return {
      ...integration,
      registerWebhooks: async (url) => describeWebhookRegistrations(await integration.registerWebhooks(url)),
    };
  },
};
