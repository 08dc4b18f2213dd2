import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import type { Blueprint } from "../engine/catalog/blueprint.js";
import type { Catalog } from "../engine/catalog/catalog.js";
import { chooseCatalog } from "../engine/catalog/choose-catalog.js";
import { LocalCatalog } from "../engine/catalog/local-catalog.js";
import { DataSource } from "../engine/data-source/data-source.js";
import { DataSourceManager, type SettingsDataSource } from "../engine/data-sources/data-source-manager.js";
import { isPortolanError, PortolanError } from "../engine/errors/portolan-error.js";
import { findPackageRoot } from "../engine/find-package-root.js";
import type { Logger } from "../engine/logging/create-logger.js";
import { createStoreMetrics } from "../engine/metrics/store-metrics.js";
import { SecretStore } from "../engine/secrets/secret-store.js";
import type { Settings } from "../engine/settings/settings-schema.js";
import type { Database } from "../engine/store/database.js";
import { openDatabase } from "../engine/store/open-database.js";
import { attachStoreEtagCache } from "../github/client/attach-store-etag-cache.js";
import { registerRateLimitGauges } from "../github/client/rate-limit-gauges.js";
import { createGitHubIntegration, type GitHubIntegration } from "../github/create-github-integration.js";
import { githubIntegrationType } from "../github/github-integration-type.js";
import { hasGitHubCredentials } from "../github/has-github-credentials.js";
import { missingPermissionsError } from "../github/permissions/missing-permission.js";
import { AuthStore } from "../server/auth/auth-store.js";
import { createServer, type ServerOptions } from "../server/create-server.js";
import { PortIntegrationStore } from "../server/port-api/port-integration-store.js";

/** The built portal (`dist/portal` of this package), whether this module runs from `src` or `dist`. */
export const PORTAL_DIRECTORY = join(findPackageRoot(fileURLToPath(import.meta.url)), "dist", "portal");

export interface RunningPortolan {
  url: string;
  auth: AuthStore;
  /** The admin password when this start created the account with a generated one (shown once). */
  generatedAdminPassword: string | undefined;
  database: Database;
  catalog: LocalCatalog;
  /** The integration from settings; undefined when the settings name no GitHub credentials. */
  integration: GitHubIntegration | undefined;
  /** The data source from settings (env, config.yaml); undefined when the settings name no GitHub credentials. */
  dataSource: DataSource | undefined;
  /** The data sources added in the portal or the API, each running beside `dataSource`. */
  dataSources: DataSourceManager;
  server: FastifyInstance;
  close(): Promise<void>;
}

export interface StartPortolanOptions {
  settings: Settings;
  logger: Logger;
  /** The mapping to use instead of `settings.mappingFile`, made from the integration's default. */
  mapping?: (defaultMapping: string) => string;
  /** Keep the store in memory (tests); otherwise `settings.dataDir` or `settings.databaseUrl`. */
  inMemory?: boolean;
  /** Blueprints to create, when missing, before the integration's defaults (the demo's per-kind ones). */
  blueprints?: readonly Blueprint[];
  /**
   * What a permission the credentials lack for the mapping's kinds does at start: `report` logs it
   * once (and `/healthz` shows it), `require` refuses to start.
   */
  missingPermissions?: "report" | "require";
  /** Told of each HTTP route as the server registers it (tests list them). */
  onRoute?: ServerOptions["onRoute"];
}

/**
 * Opens the store, the GitHub integration and its data source (when the settings name GitHub
 * credentials), and starts the HTTP server and the event workers. `serve` and `demo` both start
 * Portolan through here.
 */
export async function startPortolan(options: StartPortolanOptions): Promise<RunningPortolan> {
  const { settings, logger } = options;
  const integration = hasGitHubCredentials(settings.integration.config)
    ? await createGitHubIntegration(settings.integration.config, { logger })
    : undefined;
  if (!integration) {
    logger.info("no GitHub credentials in the settings: add data sources in the portal");
  }
  const database = await openDatabase({
    databaseUrl: settings.databaseUrl,
    dataDirectory: options.inMemory ? undefined : settings.dataDir,
  });
  try {
    // A wrong key stops the start here, before anything is written.
    const secrets = await SecretStore.open({
      database,
      environmentKey: settings.secretKey,
      dataDirectory: options.inMemory ? undefined : settings.dataDir,
    });
    const etags = integration ? attachStoreEtagCache(integration, database) : undefined;
    // The portal and Port's API served here read the embedded catalog; the data source writes
    // to Port instead when Port's credentials are set.
    const catalog = new LocalCatalog(database);
    if (options.blueprints) await catalog.ensureBlueprints(options.blueprints);
    const target = chooseCatalog(settings, catalog, database);
    const settingsSource = integration
      ? await openSettingsDataSource(options, integration, database, target)
      : undefined;
    const dataSource = settingsSource?.dataSource;
    let serverUrl: string | undefined;
    const dataSources = new DataSourceManager({
      database,
      catalog: target,
      secrets,
      types: [githubIntegrationType],
      eventWorkersCount: settings.eventWorkersCount,
      webhookRecoveryIntervalSeconds: settings.webhookRecoveryIntervalSeconds,
      logger,
      webhookUrl: (path) => {
        const base = settings.baseUrl ?? serverUrl;
        return base ? `${base.replace(/\/+$/, "")}${path}` : undefined;
      },
      ...(settingsSource ? { settingsDataSource: settingsSource } : {}),
      // Port's client secret stays in the environment; the secrets page lists where it is used.
      environmentSecrets: settings.portApi
        ? [{ setting: "PORT_CLIENT_SECRET", usedBy: "Port's API (the catalog target)" }]
        : [],
    });
    const checkPermissions = async () => {
      if (!integration || !dataSource) return;
      const missing = await integration.checkPermissions(dataSource.boundMapping);
      if (missing.length > 0) throw missingPermissionsError(missing);
    };
    await checkPermissions().catch((error: unknown) => {
      if (options.missingPermissions === "require") throw error;
      logger.error(
        { code: isPortolanError(error) ? error.code : undefined },
        isPortolanError(error) ? error.describe() : String(error),
      );
    });
    const webhookSecret = integration?.settings.webhookSecret;
    if (integration && !webhookSecret) {
      logger.warn("webhookSecret is not set: webhook signatures are not verified");
    }
    const metrics = createStoreMetrics(database);
    registerRateLimitGauges(metrics);
    const auth = new AuthStore(database);
    const admin = await auth.ensureAdmin(settings.adminPassword);
    const server = await createServer({
      auth,
      ...(dataSource ? { dataSource } : {}),
      catalog,
      portApi: { catalog, integrations: new PortIntegrationStore(database) },
      dataSources,
      health: {
        database,
        checkSource: async () => {
          await integration?.verifyAccess();
          await checkPermissions();
          await dataSources.verifyAccess();
        },
        metrics,
      },
      webhookSecret,
      portalDirectory: PORTAL_DIRECTORY,
      logger,
      ...(options.onRoute ? { onRoute: options.onRoute } : {}),
    });
    const address = await listen(server, settings.host, settings.port);
    serverUrl = address.replace("[::1]", "127.0.0.1");
    await dataSource?.startWorkers();
    await dataSources.startAll();
    if (settings.scheduledResyncInterval) dataSource?.resyncs.schedule(settings.scheduledResyncInterval);
    if (settings.incrementalSyncInterval)
      dataSource?.resyncs.scheduleIncremental(settings.incrementalSyncInterval);
    return {
      url: address.replace("[::1]", "127.0.0.1"),
      auth,
      generatedAdminPassword: admin.password,
      database,
      catalog,
      integration,
      dataSource,
      dataSources,
      server,
      async close() {
        await server.close();
        await dataSources.stopAll();
        await dataSource?.stop();
        await etags?.flush();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The data source env/config.yaml describe, shown read-only beside the stored ones. */
async function openSettingsDataSource(
  options: StartPortolanOptions,
  integration: GitHubIntegration,
  database: Database,
  catalog: Catalog,
): Promise<SettingsDataSource> {
  const { settings, logger } = options;
  const mappingText = options.mapping
    ? options.mapping(integration.defaultMapping())
    : settings.mappingFile
      ? await readFile(settings.mappingFile, "utf8")
      : integration.defaultMapping();
  const dataSource = await DataSource.open({
    id: settings.integration.identifier,
    integration,
    mappingText,
    mappingSource: settings.mappingFile ?? "default mapping",
    database,
    catalog,
    eventWorkersCount: settings.eventWorkersCount,
    maxEventProcessingSeconds: settings.maxEventProcessingSeconds,
    sendRawDataExamples: settings.sendRawDataExamples,
    logger,
  });
  return {
    dataSource,
    name: settings.integration.identifier,
    integration: settings.integration.type,
    installationMethod: settings.baseUrl ? "self-hosted" : "scheduled",
    settings: settings.integration.config,
    resyncIntervalMinutes: settings.scheduledResyncInterval,
    sendRawDataExamples: settings.sendRawDataExamples,
    mapping: mappingText,
  };
}

async function listen(server: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    return await server.listen({ host, port });
  } catch (error) {
    if ((error as { code?: string }).code === "EADDRINUSE") {
      throw new PortolanError("SERVER_PORT_IN_USE", `port ${port} on ${host} is already in use`, {
        hint: "Stop what uses it, or choose another with --port (0 picks a free port).",
        cause: error,
      });
    }
    throw error;
  }
}
