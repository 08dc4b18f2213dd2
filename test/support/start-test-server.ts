import type { FastifyInstance } from "fastify";
import { LocalCatalog } from "../../src/engine/catalog/local-catalog.js";
import { DataSource } from "../../src/engine/data-source/data-source.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { createStoreMetrics } from "../../src/engine/metrics/store-metrics.js";
import type { Database } from "../../src/engine/store/database.js";
import { AuthStore } from "../../src/server/auth/auth-store.js";
import { createServer, type ServerOptions } from "../../src/server/create-server.js";
import type { HealthOptions } from "../../src/server/health-and-metrics-routes.js";
import { PortIntegrationStore } from "../../src/server/port-api/port-integration-store.js";
import { pgliteDatabases, type TestDatabase } from "./databases.js";
import { FakeIntegration } from "./fake-integration.js";

export const TEST_ADMIN_PASSWORD = "correct horse battery staple";

export interface TestServer {
  url: string;
  store: TestDatabase;
  catalog: LocalCatalog;
  dataSource: DataSource;
  integration: FakeIntegration;
  auth: AuthStore;
  /** A bearer token of a signed-in admin session. */
  token: string;
  server: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The real server over the fake integration on PGlite, on 127.0.0.1 with a free port, its workers
 * started and an admin session ready: what the server-level tests share.
 */
export async function startTestServer(
  overrides: Partial<Pick<ServerOptions, "webhookSecret" | "portalDirectory">> &
    Partial<Pick<HealthOptions, "checkSource" | "sourceCheckTtlMs">> & {
      workers?: number;
      sendRawDataExamples?: boolean;
      /** Runs before the server listens: the place for a test's hooks (fastify takes none later). */
      configure?: (server: FastifyInstance) => void;
      /** A database the caller owns (`useTestDatabase`'s): used, and left open on close. */
      database?: Database;
    } = {},
): Promise<TestServer> {
  const borrowed = overrides.database;
  const store: TestDatabase = borrowed
    ? { database: borrowed, dispose: async () => undefined }
    : await pgliteDatabases.create();
  const catalog = new LocalCatalog(store.database);
  const integration = new FakeIntegration();
  const dataSource = await DataSource.open({
    id: "fake",
    integration,
    mappingText: integration.defaultMapping(),
    mappingSource: "test",
    database: store.database,
    catalog,
    eventWorkersCount: overrides.workers ?? 2,
    ...(overrides.sendRawDataExamples === undefined
      ? {}
      : { sendRawDataExamples: overrides.sendRawDataExamples }),
    logger: silentLogger(),
  });
  await dataSource.startWorkers();
  const auth = new AuthStore(store.database);
  await auth.ensureAdmin(TEST_ADMIN_PASSWORD);
  const server = await createServer({
    auth,
    dataSource,
    catalog,
    portApi: { catalog, integrations: new PortIntegrationStore(store.database) },
    health: {
      database: store.database,
      checkSource: overrides.checkSource ?? (async () => undefined),
      metrics: createStoreMetrics(store.database),
      ...(overrides.sourceCheckTtlMs === undefined ? {} : { sourceCheckTtlMs: overrides.sourceCheckTtlMs }),
    },
    webhookSecret: overrides.webhookSecret,
    portalDirectory: overrides.portalDirectory,
    logger: silentLogger(),
  });
  overrides.configure?.(server);
  const url = await server.listen({ host: "127.0.0.1", port: 0 });
  const { token } = await auth.issueToken("account:admin", "session", 3600);
  return {
    url,
    store,
    catalog,
    dataSource,
    integration,
    auth,
    token,
    server,
    async close() {
      await server.close();
      await dataSource.stop();
      await store.dispose();
    },
  };
}
