/**
 * The GitHub integration behind the engine's `Integration` seam: settings parsed once, one client per
 * credential, the kinds, live-event handling and grouping, the defaults, webhook registration and an
 * access check.
 */
import pino from "pino";
import { isPortolanError, PortolanError } from "../engine/errors/portolan-error.js";
import type {
  EventResource,
  Integration,
  IntegrationKind,
  KindChanges,
  LiveEvent,
  MappingOptions,
} from "../engine/integration/integration.js";
import { GitHubClient } from "./client/github-client.js";
import type { RateLimitPolicy } from "./client/rate-limit-policy.js";
import type { TokenKind } from "./client/token-kind.js";
import { defaultBlueprints } from "./defaults/default-blueprints.js";
import { defaultMapping } from "./defaults/default-mapping.js";
import { createGitHubContext, type GitHubContext } from "./github-context.js";
import { parseGitHubMappingOptions } from "./github-mapping-options.js";
import { type GitHubSettings, parseGitHubSettings, unknownGitHubSettingKeys } from "./github-settings.js";
import { createOrganizationKind } from "./kinds/organization.js";
import { createRepositoryKind } from "./kinds/repository.js";
import { isPersonalAccount, resolveOrganizations } from "./kinds/resolve-organizations.js";
import { githubGroupKey } from "./webhooks/group-key.js";
import {
  type OrganizationWebhookResult,
  registerOrganizationWebhook,
} from "./webhooks/register-organization-webhook.js";
import { handleRepositoryEvent, repositoryEventNames } from "./webhooks/repository-event.js";

export interface CreateGitHubIntegrationOptions {
  logger?: pino.Logger;
  /** Replaces the global `fetch` for every GitHub request (tests pass a scripted one). */
  fetch?: typeof fetch;
  /** Rate-limit and retry policy; tests shorten the waits. */
  rateLimitPolicy?: RateLimitPolicy;
}

export type WebhookRegistration =
  | OrganizationWebhookResult
  | { organization: string; status: "skipped"; reason: string }
  | { organization: string; status: "failed"; error: Error };

export interface GitHubAccess {
  host: string;
  tokenKind: TokenKind;
  /** The token's user (`GET /user`). */
  login: string;
  /** Classic tokens: the scopes from `X-OAuth-Scopes`; fine-grained tokens have none (`null`). */
  scopes: string[] | null;
  /** The accounts a resync visits (spec §1.4), with their type. */
  organizations: Array<{ login: string; type: string }>;
  /** Things that will fail later, said now (e.g. a classic token without `read:org`). */
  warnings: string[];
}

export interface GitHubIntegration extends Integration {
  readonly type: "github";
  readonly settings: GitHubSettings;
  readonly tokenKind: TokenKind;
  readonly client: GitHubClient;
  /**
   * Creates (or fixes the secret of) the webhook of every organization a resync visits. A failing
   * organization does not stop the others: its result has status `failed` with the error, which is also
   * logged. Personal accounts are `skipped` (per-repository hooks are not implemented yet).
   */
  registerWebhooks(webhookUrl: string, mappingOptions?: MappingOptions): Promise<WebhookRegistration[]>;
  /** Who the token is, what kind it is, and which accounts it reaches; throws on bad credentials. */
  verifyAccess(mappingOptions?: MappingOptions): Promise<GitHubAccess>;
}

export async function createGitHubIntegration(
  settingsInput: unknown,
  options: CreateGitHubIntegrationOptions = {},
): Promise<GitHubIntegration> {
  const logger = (options.logger ?? pino({ level: "silent" })).child({ integration: "github" });
  const settings = parseGitHubSettings(settingsInput);
  const unknown = unknownGitHubSettingKeys(settingsInput);
  if (unknown.length > 0) {
    logger.warn({ keys: unknown }, "unknown GitHub integration settings are ignored; check their spelling");
  }
  if (settings.githubToken === undefined) {
    throw new PortolanError(
      "GITHUB_APP_AUTH_UNSUPPORTED",
      "GitHub App authentication (githubAppId + githubAppPrivateKey) is not supported by Portolan yet.",
      {
        hint: "use a personal access token: set githubToken (OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN)",
        where: { source: "integration settings", path: "githubAppId" },
      },
    );
  }
  const client = GitHubClient.forToken({
    baseUrl: settings.githubHost,
    token: settings.githubToken,
    logger,
    reservationThresholdPercent: settings.resyncRatelimitReservationThreshold,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.rateLimitPolicy ? { policy: options.rateLimitPolicy } : {}),
  });
  const context = createGitHubContext(settings, client, logger);
  const kinds: IntegrationKind[] = [
    createOrganizationKind(context) as IntegrationKind,
    createRepositoryKind(context) as IntegrationKind,
  ];

  return {
    type: "github",
    settings,
    tokenKind: client.tokenKind,
    client,
    kinds,
    kindsTouchedBy(event: LiveEvent): readonly string[] {
      return (repositoryEventNames as readonly string[]).includes(event.name) ? ["repository"] : [];
    },
    async handleEvent(event: LiveEvent, resource: EventResource): Promise<KindChanges | null> {
      if (resource.kind === "repository") return handleRepositoryEvent(context, event, resource);
      return null;
    },
    groupKey: githubGroupKey,
    defaultBlueprints: () => defaultBlueprints,
    defaultMapping: () => defaultMapping,
    registerWebhooks: (webhookUrl, mappingOptions = {}) =>
      registerWebhooks(context, webhookUrl, mappingOptions),
    verifyAccess: (mappingOptions = {}) => verifyAccess(context, mappingOptions),
  };
}

async function registerWebhooks(
  context: GitHubContext,
  webhookUrl: string,
  mappingOptions: MappingOptions,
): Promise<WebhookRegistration[]> {
  const { client, settings, logger } = context;
  const options = parseGitHubMappingOptions(mappingOptions);
  const results: WebhookRegistration[] = [];
  for await (const accounts of resolveOrganizations(context, options)) {
    for (const account of accounts) {
      if (isPersonalAccount(account)) {
        const reason =
          "personal accounts need one webhook per repository, which Portolan does not create yet";
        logger.warn({ account: account.login }, reason);
        results.push({ organization: account.login, status: "skipped", reason });
        continue;
      }
      try {
        results.push(
          await registerOrganizationWebhook(client, {
            organization: account.login,
            webhookUrl,
            secret: settings.webhookSecret,
            skipWebhookPatching: settings.skipWebhookPatching,
            logger,
          }),
        );
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        logger.error(
          { organization: account.login, code: isPortolanError(failure) ? failure.code : undefined },
          isPortolanError(failure) ? failure.describe() : failure.message,
        );
        results.push({ organization: account.login, status: "failed", error: failure });
      }
    }
  }
  return results;
}

async function verifyAccess(context: GitHubContext, mappingOptions: MappingOptions): Promise<GitHubAccess> {
  const { client, settings } = context;
  const response = await client.request<{ login: string }>(
    "GET /user",
    {},
    {
      purpose: "checking the token (GET /user)",
    },
  );
  const scopesHeader = response.headers["x-oauth-scopes"];
  const scopes =
    typeof scopesHeader === "string"
      ? scopesHeader
          .split(",")
          .map((scope) => scope.trim())
          .filter((scope) => scope !== "")
      : null;
  const warnings: string[] = [];
  if (scopes !== null) {
    if (!scopes.includes("repo")) {
      warnings.push(
        "the classic token lacks the `repo` scope: private repositories and their files are not visible",
      );
    }
    if (
      settings.githubOrganization === undefined &&
      !scopes.some((s) => ["read:org", "admin:org"].includes(s))
    ) {
      warnings.push(
        "the classic token lacks `read:org`: GET /user/orgs lists only organizations with public membership",
      );
    }
    if (
      settings.webhookSecret !== undefined &&
      !scopes.some((s) => ["admin:org_hook", "admin:org"].includes(s))
    ) {
      warnings.push("the classic token lacks `admin:org_hook`: organization webhooks cannot be registered");
    }
  }
  const organizations: Array<{ login: string; type: string }> = [];
  for await (const page of resolveOrganizations(context, parseGitHubMappingOptions(mappingOptions))) {
    for (const account of page)
      organizations.push({ login: account.login, type: account.type ?? "Organization" });
  }
  if (organizations.length === 0)
    warnings.push("the token reaches no organization: a resync would sync nothing");
  return {
    host: settings.githubHost,
    tokenKind: client.tokenKind,
    login: response.data.login,
    scopes,
    organizations,
    warnings,
  };
}
