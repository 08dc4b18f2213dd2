import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalCatalog } from "../../src/engine/catalog/local-catalog.js";
import { DataSource } from "../../src/engine/data-source/data-source.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { createStoreMetrics } from "../../src/engine/metrics/store-metrics.js";
import { createServer } from "../../src/server/create-server.js";
import { databaseFactories, type TestDatabase } from "../support/databases.js";
import { FakeIntegration, thing } from "../support/fake-integration.js";

const pglite = databaseFactories[0];

describe("/healthz and /metrics", () => {
  let store: TestDatabase;
  let server: FastifyInstance;
  let dataSource: DataSource;
  let url: string;
  let sourceFailure: Error | undefined;
  let sourceChecks = 0;
  let integration: FakeIntegration;

  beforeEach(async () => {
    if (!pglite) throw new Error("no pglite factory");
    store = await pglite.create();
    sourceFailure = undefined;
    sourceChecks = 0;
    const catalog = new LocalCatalog(store.database);
    integration = new FakeIntegration();
    dataSource = await DataSource.open({
      id: "fake",
      integration,
      mappingText: integration.defaultMapping(),
      mappingSource: "test",
      database: store.database,
      catalog,
      eventWorkersCount: 1,
      logger: silentLogger(),
    });
    server = await createServer({
      dataSource,
      catalog,
      health: {
        database: store.database,
        checkSource: async () => {
          sourceChecks++;
          if (sourceFailure) throw sourceFailure;
        },
        metrics: createStoreMetrics(store.database),
        sourceCheckTtlMs: 0,
      },
      webhookSecret: undefined,
      portalDirectory: undefined,
      logger: silentLogger(),
    });
    url = await server.listen({ host: "127.0.0.1", port: 0 });
  });
  afterEach(async () => {
    await server.close();
    await dataSource.stop();
    await store.dispose();
  });

  it("is ready only while the store answers and the source's credentials work", async () => {
    const ok = await fetch(`${url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok", checks: { store: "ok", source: "ok" } });
    sourceFailure = new Error("GITHUB_BAD_CREDENTIALS: the token was revoked");
    const failing = await fetch(`${url}/healthz`);
    expect(failing.status).toBe(503);
    expect(await failing.json()).toEqual({
      status: "unavailable",
      checks: { store: "ok", source: "failing: GITHUB_BAD_CREDENTIALS: the token was revoked" },
    });
    expect(sourceChecks).toBe(2);
  });

  it("exposes resyncs, last resync counts per kind and the webhook queue in Prometheus' format", async () => {
    integration.things = [thing("a"), thing("b")];
    const outcome = await dataSource.requestResync("test");
    if (outcome.started) await outcome.summary;
    await dataSource.receive({
      deliveryId: "d1",
      name: "thing",
      payload: { action: "upsert", thing: thing("c") },
    });
    const response = await fetch(`${url}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('portolan_resyncs{data_source="fake",status="completed"} 1');
    expect(text).toContain(
      'portolan_last_resync_entities{data_source="fake",kind="thing",count="upserted"} 2',
    );
    expect(text).toContain('portolan_webhook_events{data_source="fake",event="thing",status="queued"} 1');
    expect(text).toMatch(/portolan_webhook_queue_age_seconds\{data_source="fake"\} \d/);
    expect(text).toMatch(/portolan_last_resync_duration_seconds\{data_source="fake",status="completed"\} \d/);
  });
});
