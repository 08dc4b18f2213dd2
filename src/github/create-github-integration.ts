/**
 * The GitHub integration behind the engine's `Integration` seam: settings parsed once, one client per
 * credential, the kinds, live-event handling and grouping, the defaults, webhook registration and an
 * access check.
 */
import pino from "pino";
import { isPortolanError } from "../engine/errors/portolan-error.js";
import type {
  EventResource,
  Integration,
  IntegrationKind,
  KindChanges,
  LiveEvent,
  MappingOptions,
} from "../engine/integration/integration.js";
import type { BoundMapping } from "../engine/mapping/bind-mapping.js";
import type { EtagCache, EtagCacheSlot } from "./client/etag-cache.js";
import { GitHubClient } from "./client/github-client.js";
import type { RateLimitPolicy } from "./client/rate-limit-policy.js";
import type { TokenKind } from "./client/token-kind.js";
import { defaultBlueprints } from "./defaults/default-blueprints.js";
import { defaultMapping } from "./defaults/default-mapping.js";
import { GitHubAppInstallations } from "./github-app-installations.js";
import type { GitHubAuthenticator } from "./github-authenticator.js";
import { createAppContext, createTokenContext, type GitHubContext } from "./github-context.js";
import { parseGitHubMappingOptions } from "./github-mapping-options.js";
import { type GitHubSettings, parseGitHubSettings, unknownGitHubSettingKeys } from "./github-settings.js";
import { createBranchKind } from "./kinds/branch.js";
import { createCodeScanningAlertsKind } from "./kinds/code-scanning-alerts.js";
import { createCollaboratorKind } from "./kinds/collaborator.js";
import { createDependabotAlertKind } from "./kinds/dependabot-alert.js";
import { createDeploymentKind } from "./kinds/deployment.js";
import { createDeploymentStatusKind } from "./kinds/deployment-status.js";
import { createEnvironmentKind } from "./kinds/environment.js";
import { createFileKind } from "./kinds/file.js";
import { createFolderKind } from "./kinds/folder.js";
import { createIssueKind } from "./kinds/issue.js";
import { createOrganizationKind } from "./kinds/organization.js";
import { createPluginKind } from "./kinds/plugin.js";
import { createPullRequestKind } from "./kinds/pull-request.js";
import { createReleaseKind } from "./kinds/release.js";
import { createRepositoryKind } from "./kinds/repository.js";
import { isPersonalAccount, resolveOrganizations } from "./kinds/resolve-organizations.js";
import { createSecretScanningAlertsKind } from "./kinds/secret-scanning-alerts.js";
import { createSkillKind } from "./kinds/skill.js";
import { createTagKind } from "./kinds/tag.js";
import { createTeamKind } from "./kinds/team.js";
import { createUserKind } from "./kinds/user.js";
import { createWorkflowKind } from "./kinds/workflow.js";
import { createWorkflowRunKind } from "./kinds/workflow-run.js";
import { checkKindPermissions } from "./permissions/check-kind-permissions.js";
import type { MissingPermission } from "./permissions/missing-permission.js";
import { resourceNeeds } from "./permissions/permission-needs.js";
import {
  actionsAndDeploymentsKindsTouchedBy,
  actionsAndDeploymentsProcessor,
} from "./webhooks/actions-and-deployments-events.js";
import { githubGroupKey } from "./webhooks/group-key.js";
import { handlePeopleEvent, peopleKindsTouchedBy } from "./webhooks/people-events.js";
import { handlePushEvent, kindsTouchedByPush } from "./webhooks/push-event-kinds.js";
import { type RegisteredHook, recoverRegisteredHooks } from "./webhooks/recover-registered-hooks.js";
import {
  type OrganizationWebhookResult,
  registerOrganizationWebhook,
} from "./webhooks/register-organization-webhook.js";
import {
  type RepositoryWebhookResult,
  registerRepositoryWebhooks,
  repositoryHooksPath,
} from "./webhooks/register-repository-webhooks.js";
import { handleRepositoryEvent, repositoryEventNames } from "./webhooks/repository-event.js";
import { repositoryItemHandler, repositoryItemKindsTouchedBy } from "./webhooks/repository-item-events.js";
import { handleSecurityAlertEvent, securityAlertEventKinds } from "./webhooks/security-alert-events.js";

export interface CreateGitHubIntegrationOptions {
  logger?: pino.Logger;
  /** Replaces the global `fetch` for every GitHub request (tests pass a scripted one). */
  fetch?: typeof fetch;
  /** Rate-limit and retry policy; tests shorten the waits. */
  rateLimitPolicy?: RateLimitPolicy;
}

export type WebhookRegistration =
  | OrganizationWebhookResult
  /** A personal account: one hook per repository it owns. */
  | { organization: string; status: "repository-hooks"; repositories: RepositoryWebhookResult[] }
  | { organization: string; status: "skipped"; reason: string }
  | { organization: string; status: "failed"; error: Error };

export interface GitHubAccess {
  host: string;
  authentication: "personal-access-token" | "github-app";
  tokenKind: TokenKind;
  /** The token's user (`GET /user`), or `{app-slug}[bot]` for a GitHub App. */
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
  /** A non-empty `githubToken` wins over App credentials (spec §2.1). */
  readonly authentication: "personal-access-token" | "github-app";
  /** The token's kind told from its prefix (`installation` for a GitHub App). */
  readonly tokenKind: TokenKind;
  /**
   * Creates (or repairs) the webhook of every organization a resync visits. A failing
   * organization does not stop the others: its result has status `failed` with the error, which is also
   * logged. A personal account gets one hook per repository (`repository-hooks`). With a classic
   * token without `githubOrganization`, `mappingOptions.organizations` selects the organizations.
   * The hooks found or created, organization and repository ones alike, are remembered for
   * `recoverMissedDeliveries`.
   */
  registerWebhooks(webhookUrl: string, mappingOptions?: MappingOptions): Promise<WebhookRegistration[]>;
  /** Who the token is, what kind it is, and which accounts it reaches; throws on bad credentials. */
  verifyAccess(mappingOptions?: MappingOptions): Promise<GitHubAccess>;
  /**
   * The permissions the credentials lack for the mapping's kinds, each with the kinds it blocks
   * (classic scopes, an App installation's grant, or a fine-grained token's probes).
   */
  checkPermissions(mapping: Pick<BoundMapping, "resources">): Promise<MissingPermission[]>;
  /** From now on REST GETs are conditional, with ETags and bodies kept in `cache`. */
  attachEtagCache(cache: EtagCache): void;
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
  const etagCache: EtagCacheSlot = { cache: undefined };
  const clientOptions = {
    baseUrl: settings.githubHost,
    etagCache,
    logger,
    reservationThresholdPercent: settings.resyncRatelimitReservationThreshold,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.rateLimitPolicy ? { policy: options.rateLimitPolicy } : {}),
  };
  let context: GitHubContext;
  let installations: GitHubAppInstallations | undefined;
  let tokenKind: TokenKind;
  if (settings.githubToken !== undefined) {
    const client = GitHubClient.create({
      ...clientOptions,
      credential: { type: "token", token: settings.githubToken },
    });
    context = createTokenContext(settings, client, logger);
    tokenKind = client.tokenKind;
  } else {
    // parseGitHubSettings guarantees both App settings when there is no token.
    installations = new GitHubAppInstallations({
      appId: settings.githubAppId ?? "",
      privateKey: settings.githubAppPrivateKey ?? "",
      organization: settings.githubOrganization,
      logger,
      client: clientOptions,
    });
    context = createAppContext(settings, installations, logger);
    tokenKind = "installation";
  }
  /** The hooks (organization and repository) the last registration found or created, for missed-delivery checks. */
  let registeredHooks: RegisteredHook[] = [];
  const kinds: IntegrationKind[] = [
    createOrganizationKind(context) as IntegrationKind,
    createRepositoryKind(context) as IntegrationKind,
    createPullRequestKind(context) as IntegrationKind,
    createIssueKind(context) as IntegrationKind,
    createReleaseKind(context) as IntegrationKind,
    createTagKind(context) as IntegrationKind,
    createBranchKind(context) as IntegrationKind,
    createWorkflowKind(context) as IntegrationKind,
    createWorkflowRunKind(context) as IntegrationKind,
    createEnvironmentKind(context) as IntegrationKind,
    createDeploymentKind(context) as IntegrationKind,
    createDeploymentStatusKind(context) as IntegrationKind,
    createFolderKind(context) as IntegrationKind,
    createFileKind(context) as IntegrationKind,
    createSkillKind(context) as IntegrationKind,
    createPluginKind(context) as IntegrationKind,
    createUserKind(context) as IntegrationKind,
    createTeamKind(context) as IntegrationKind,
    createCollaboratorKind(context) as IntegrationKind,
    createDependabotAlertKind(context) as IntegrationKind,
    createCodeScanningAlertsKind(context) as IntegrationKind,
    createSecretScanningAlertsKind(context) as IntegrationKind,
  ];

  return {
    type: "github",
    settings,
    authentication: context.mode,
    tokenKind,
    kinds,
    kindsTouchedBy(event: LiveEvent): readonly string[] {
      const alertKind = securityAlertEventKinds[event.name];
      return [
        ...((repositoryEventNames as readonly string[]).includes(event.name) ? ["repository"] : []),
        ...actionsAndDeploymentsKindsTouchedBy(event),
        ...repositoryItemKindsTouchedBy(event),
        ...kindsTouchedByPush(event),
        ...peopleKindsTouchedBy(event),
        ...(alertKind ? [alertKind] : []),
      ];
    },
    async handleEvent(event: LiveEvent, resource: EventResource): Promise<KindChanges | null> {
      if (resource.kind === "repository") return handleRepositoryEvent(context, event, resource);
      const processor = actionsAndDeploymentsProcessor(resource.kind) ?? repositoryItemHandler(resource.kind);
      if (processor) return processor(context, event, resource);
      const people = handlePeopleEvent(context, event, resource);
      if (people) return people;
      if (Object.values(securityAlertEventKinds).includes(resource.kind)) {
        return handleSecurityAlertEvent(context, event, resource);
      }
      if (event.name === "push") return handlePushEvent(context, event, resource);
      return null;
    },
    groupKey: githubGroupKey,
    defaultBlueprints: () => defaultBlueprints,
    defaultMapping: () => defaultMapping,
    secretValues: () =>
      [settings.githubToken, settings.webhookSecret, settings.githubAppPrivateKey].filter(
        (value): value is string => value !== undefined,
      ),
    registerWebhooks: async (webhookUrl, mappingOptions = {}) => {
      const registration = await registerWebhooks(context, webhookUrl, mappingOptions);
      registeredHooks = registration.hooks;
      return registration.results;
    },
    recoverMissedDeliveries: (ledger, check) =>
      recoverRegisteredHooks(registeredHooks, { ledger, ...check, logger }),
    verifyAccess: (mappingOptions = {}) => verifyAccess(context, installations, mappingOptions),
    attachEtagCache: (cache) => {
      etagCache.cache = cache;
    },
    checkPermissions: (mapping) => checkKindPermissions(context, resourceNeeds(mapping.resources)),
  };
}

async function registerWebhooks(
  context: GitHubContext,
  webhookUrl: string,
  mappingOptions: MappingOptions,
): Promise<{ results: WebhookRegistration[]; hooks: RegisteredHook[] }> {
  const { settings, logger } = context;
  const options = parseGitHubMappingOptions(mappingOptions);
  const results: WebhookRegistration[] = [];
  const hooks: RegisteredHook[] = [];
  const failed = (organization: string, error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    logger.error(
      { organization, code: isPortolanError(failure) ? failure.code : undefined },
      isPortolanError(failure) ? failure.describe() : failure.message,
    );
    results.push({ organization, status: "failed", error: failure });
  };
  for (const authenticator of await context.authenticators()) {
    try {
      for await (const accounts of resolveOrganizations(context, authenticator, options)) {
        for (const account of accounts) {
          try {
            if (isPersonalAccount(account)) {
              const outcome = await registerRepositoryWebhooks(authenticator, {
                account: account.login,
                webhookUrl,
                secret: settings.webhookSecret,
                skipWebhookPatching: settings.skipWebhookPatching,
                logger,
              });
              if (outcome.skipped !== undefined) {
                logger.warn(
                  { account: account.login },
                  `no webhooks for ${account.login}: ${outcome.skipped}`,
                );
                results.push({ organization: account.login, status: "skipped", reason: outcome.skipped });
                continue;
              }
              for (const repository of outcome.repositories) {
                if (repository.status === "failed") {
                  const error = repository.error;
                  logger.error(
                    {
                      repository: repository.repository,
                      code: isPortolanError(error) ? error.code : undefined,
                    },
                    isPortolanError(error) ? error.describe() : error.message,
                  );
                } else {
                  hooks.push({
                    hookPath: `${repositoryHooksPath(repository.repository)}/${repository.hookId}`,
                    hookId: repository.hookId,
                    client: authenticator.client,
                  });
                }
              }
              results.push({
                organization: account.login,
                status: "repository-hooks",
                repositories: outcome.repositories,
              });
              continue;
            }
            const registered = await registerOrganizationWebhook(authenticator.client, {
              organization: account.login,
              webhookUrl,
              secret: settings.webhookSecret,
              skipWebhookPatching: settings.skipWebhookPatching,
              logger,
            });
            results.push(registered);
            hooks.push({
              hookPath: `/orgs/${encodeURIComponent(registered.organization)}/hooks/${registered.hookId}`,
              hookId: registered.hookId,
              client: authenticator.client,
            });
          } catch (error) {
            failed(account.login, error);
          }
        }
      }
    } catch (error) {
      failed(authenticator.organization ?? authenticator.id, error);
    }
  }
  return { results, hooks };
}

async function verifyAccess(
  context: GitHubContext,
  installations: GitHubAppInstallations | undefined,
  mappingOptions: MappingOptions,
): Promise<GitHubAccess> {
  const { settings } = context;
  const options = parseGitHubMappingOptions(mappingOptions);
  const warnings: string[] = [];
  let login: string;
  let scopes: string[] | null = null;
  let tokenKind: TokenKind;
  const authenticators: readonly GitHubAuthenticator[] = await context.authenticators();
  if (installations) {
    const app = await installations.appClient.get<{ slug?: string; name?: string }>(
      "GET /app",
      {},
      {
        purpose: "checking the GitHub App (GET /app)",
      },
    );
    login = `${app.slug ?? app.name ?? settings.githubAppId}[bot]`;
    tokenKind = "installation";
  } else {
    const [authenticator] = authenticators;
    if (!authenticator) throw new Error("no authenticator for the personal access token");
    tokenKind = authenticator.client.tokenKind;
    const response = await authenticator.client.request<{ login: string }>(
      "GET /user",
      {},
      {
        purpose: "checking the token (GET /user)",
      },
    );
    login = response.data.login;
    const scopesHeader = response.headers["x-oauth-scopes"];
    if (typeof scopesHeader === "string") {
      scopes = scopesHeader
        .split(",")
        .map((scope) => scope.trim())
        .filter((scope) => scope !== "");
    }
  }
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
  for (const authenticator of authenticators) {
    for await (const page of resolveOrganizations(context, authenticator, options)) {
      for (const account of page)
        organizations.push({ login: account.login, type: account.type ?? "Organization" });
    }
  }
  if (organizations.length === 0)
    warnings.push("the credentials reach no organization: a resync would sync nothing");
  return {
    host: settings.githubHost,
    authentication: context.mode,
    tokenKind,
    login,
    scopes,
    organizations,
    warnings,
  };
}
