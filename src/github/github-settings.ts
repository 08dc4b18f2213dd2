/**
 * The GitHub integration's settings, with Ocean's names and defaults (`.port/spec.yaml` of Ocean's GitHub
 * integration). The engine hands us a plain object with camelCase keys (it turns
 * `OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN` into `githubToken`); we parse it once, here, into a typed value.
 */
import { z } from "zod";
import { PortolanError } from "../engine/errors/portolan-error.js";

/** Empty or blank strings mean "not set", as in Ocean (an empty `githubToken` does not win over App credentials). */
const optionalText = z
  .union([z.string(), z.number()])
  .optional()
  .transform((value) => {
    if (value === undefined) return undefined;
    const text = String(value).trim();
    return text === "" ? undefined : text;
  });

/** Booleans may come from environment variables as text. */
const flag = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no", "TRUE", "FALSE", "True", "False"])])
  .optional()
  .transform((value) => {
    if (value === undefined) return false;
    if (typeof value === "boolean") return value;
    return ["true", "1", "yes"].includes(value.toLowerCase());
  });

const githubHost = z
  .string()
  .trim()
  .optional()
  .transform((value, context) => {
    const text = value === undefined || value === "" ? "https://api.github.com" : value;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      context.addIssue({ code: "custom", message: `"${text}" is not a URL` });
      return z.NEVER;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      context.addIssue({ code: "custom", message: `"${text}" must start with https:// (or http://)` });
      return z.NEVER;
    }
    if (url.search || url.hash) {
      context.addIssue({ code: "custom", message: `"${text}" must not carry a query or fragment` });
      return z.NEVER;
    }
    return text.replace(/\/+$/, "");
  });

/** Ocean accepts the PEM text or base64 of it. */
const privateKey = optionalText.transform((value, context) => {
  if (value === undefined) return undefined;
  if (value.startsWith("-----BEGIN")) return value.replace(/\\n/g, "\n");
  const decoded = Buffer.from(value, "base64").toString("utf8").trim();
  if (!decoded.startsWith("-----BEGIN")) {
    context.addIssue({
      code: "custom",
      message: "is neither PEM text (starting with -----BEGIN) nor base64 of PEM text",
    });
    return z.NEVER;
  }
  return decoded;
});

const organizationLogin = optionalText.refine(
  (value) => value === undefined || /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(value),
  {
    message: "must be one organization or user login (letters, digits, '-', '_'), not a URL or a list",
  },
);

const threshold = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/, "must be a whole number"),
  ])
  .optional()
  .transform((value) => (value === undefined || value === "" ? 95 : Number(value)))
  .pipe(
    z
      .number()
      .int("must be a whole number")
      .min(0, "must be between 0 and 100")
      .max(100, "must be between 0 and 100"),
  );

export const githubSettingsSchema = z.object({
  githubHost,
  /** UI-only tab switcher in Ocean; read here only to give better error messages. */
  authenticationMode: z.enum(["Github App", "Personal Access Token"]).optional(),
  githubToken: optionalText,
  githubAppId: optionalText,
  githubAppPrivateKey: privateKey,
  githubOrganization: organizationLogin,
  webhookSecret: optionalText,
  skipWebhookPatching: flag,
  resyncRatelimitReservationThreshold: threshold,
  legacyDispatchWorkflowTracking: flag,
});

export type GitHubSettings = z.output<typeof githubSettingsSchema>;

/** The settings the spec declares; anything else is most likely a typo. */
export const knownGitHubSettingKeys: readonly string[] = Object.keys(githubSettingsSchema.shape);

/** How a person sets a setting: its config-file key and its environment variable. */
export function settingSource(key: string): string {
  const env = key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
  return `\`${key}\` (environment OCEAN__INTEGRATION__CONFIG__${env})`;
}

/**
 * Parses the integration settings; throws `GITHUB_SETTINGS_INVALID` naming every bad setting and how to
 * fix it, or `GITHUB_NO_CREDENTIALS` when neither a token nor App credentials are given.
 */
export function parseGitHubSettings(input: unknown): GitHubSettings {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new PortolanError("GITHUB_SETTINGS_INVALID", "The GitHub integration settings must be an object.", {
      hint: "pass the integration config as key/value pairs, e.g. { githubToken: '…', githubOrganization: '…' }",
      where: { source: "integration settings" },
    });
  }
  const result = githubSettingsSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "settings");
      return `${settingSource(key)} ${describeIssue(issue)}`;
    });
    const first = result.error.issues[0];
    throw new PortolanError("GITHUB_SETTINGS_INVALID", `Invalid GitHub setting: ${problems.join("; ")}.`, {
      hint: hintFor(String(first?.path[0] ?? "")),
      where: { source: "integration settings", path: String(first?.path[0] ?? "") },
    });
  }
  const settings = result.data;
  if (!settings.githubToken) {
    const hasAppId = settings.githubAppId !== undefined;
    const hasKey = settings.githubAppPrivateKey !== undefined;
    if (hasAppId !== hasKey) {
      const missing = hasAppId ? "githubAppPrivateKey" : "githubAppId";
      throw new PortolanError(
        "GITHUB_SETTINGS_INVALID",
        `GitHub App authentication needs both githubAppId and githubAppPrivateKey; ${settingSource(missing)} is missing.`,
        { hint: hintFor(missing), where: { source: "integration settings", path: missing } },
      );
    }
    if (!hasAppId) {
      throw new PortolanError("GITHUB_NO_CREDENTIALS", "No valid GitHub credentials provided.", {
        hint: `set ${settingSource("githubToken")} to a personal access token, or both githubAppId and githubAppPrivateKey for a GitHub App`,
        where: { source: "integration settings", path: "githubToken" },
      });
    }
  }
  return settings;
}

/** One zod issue of a setting, worded for a person (the portal shows it at the field). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") return `has the wrong type (expected ${issue.expected})`;
  if (issue.code === "invalid_union") return "has the wrong type or value";
  if (issue.code === "invalid_value")
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return issue.message;
}

function hintFor(key: string): string {
  switch (key) {
    case "githubHost":
      return "use https://api.github.com for github.com, or https://<your-ghes-host>/api/v3 for GitHub Enterprise Server";
    case "githubToken":
      return "create a personal access token (classic `ghp_…` or fine-grained `github_pat_…`) and set it as githubToken";
    case "githubAppId":
      return "copy the App ID from the GitHub App's settings page (General → About)";
    case "githubAppPrivateKey":
      return "generate a private key on the GitHub App's settings page and pass the PEM text (or its base64)";
    case "githubOrganization":
      return "give the login as it appears in https://github.com/<login>, e.g. my-org";
    case "skipWebhookPatching":
    case "legacyDispatchWorkflowTracking":
      return "use true or false";
    case "resyncRatelimitReservationThreshold":
      return "use a whole percentage between 0 and 100 (default 95)";
    case "authenticationMode":
      return 'use "Github App" or "Personal Access Token", or leave it out (it only switches the form in Port\'s UI)';
    default:
      return "check the setting's value against the GitHub integration's documentation";
  }
}

/** Keys of the input that are not settings of this integration (reported as warnings; Ocean ignores them). */
export function unknownGitHubSettingKeys(input: unknown): string[] {
  if (input === null || typeof input !== "object") return [];
  return Object.keys(input).filter((key) => !knownGitHubSettingKeys.includes(key));
}
