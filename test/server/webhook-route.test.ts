import { sign } from "@octokit/webhooks-methods";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalCatalog } from "../../src/engine/catalog/local-catalog.js";
import { DataSource } from "../../src/engine/data-source/data-source.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { createStoreMetrics } from "../../src/engine/metrics/store-metrics.js";
import { createServer } from "../../src/server/create-server.js";
import { databaseFactories, type TestDatabase } from "../support/databases.js";
import { FakeIntegration, thing } from "../support/fake-integration.js";

const SECRET = "it's a secret to everybody";
const pglite = databaseFactories[0];

describe("POST /integration/webhook", () => {
  let store: TestDatabase;
  let server: FastifyInstance;
  let dataSource: DataSource;
  let url: string;
  let catalog: LocalCatalog;

  beforeEach(async () => {
    if (!pglite) throw new Error("no pglite factory");
    store = await pglite.create();
    catalog = new LocalCatalog(store.database);
    const integration = new FakeIntegration();
    dataSource = await DataSource.open({
      id: "fake",
      integration,
      mappingText: integration.defaultMapping(),
      mappingSource: "test",
      database: store.database,
      catalog,
      eventWorkersCount: 2,
      logger: silentLogger(),
    });
    await dataSource.startWorkers();
    server = await createServer({
      dataSource,
      catalog,
      health: {
        database: store.database,
        checkSource: async () => undefined,
        metrics: createStoreMetrics(store.database),
      },
      webhookSecret: SECRET,
      portalDirectory: undefined,
      logger: silentLogger(),
    });
    url = `${await server.listen({ host: "127.0.0.1", port: 0 })}/integration/webhook`;
  });
  afterEach(async () => {
    await server.close();
    await dataSource.stop();
    await store.dispose();
  });

  async function deliver(body: string, headers: Record<string, string> = {}) {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "thing",
        "x-github-delivery": "delivery-1",
        "x-hub-signature-256": await sign(SECRET, body),
        ...headers,
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("accepts a signed delivery with 202, stores it and applies it", async () => {
    const response = await deliver(JSON.stringify({ action: "upsert", thing: thing("x") }));
    expect(response).toEqual({ status: 202, body: { status: "queued", deliveryId: "delivery-1" } });
    await dataSource.whenEventsIdle();
    const { entities } = await catalog.listEntities("thing", { limit: 10, offset: 0 });
    expect(entities.map((entity) => entity.identifier)).toEqual(["x"]);
  });

  it("does not apply a redelivery twice", async () => {
    const body = JSON.stringify({ action: "upsert", thing: thing("x") });
    await deliver(body);
    expect((await deliver(body)).body.status).toBe("duplicate");
    await dataSource.whenEventsIdle();
    expect(await dataSource.inbox.counts()).toEqual({ done: 1 });
  });

  it("refuses a bad or missing signature with 401 and stores nothing", async () => {
    const body = JSON.stringify({ action: "upsert", thing: thing("x") });
    const bad = await deliver(body, { "x-hub-signature-256": await sign("wrong secret", body) });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: { code: "WEBHOOK_BAD_SIGNATURE" } });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "thing", "x-github-delivery": "d" },
      body,
    });
    expect(response.status).toBe(401);
    expect(await dataSource.inbox.counts()).toEqual({});
  });

  it("refuses a signed body that is not a JSON object with 400 and says why", async () => {
    const truncated = await deliver('{"action": "upsert", "thing": {');
    expect(truncated.status).toBe(400);
    expect(truncated.body).toMatchObject({ error: { code: "WEBHOOK_NOT_JSON" } });
    const array = await deliver("[1,2]");
    expect(array.body).toMatchObject({ error: { code: "WEBHOOK_NOT_AN_OBJECT" } });
    const missing = await deliver("{}", { "x-github-event": "" });
    expect(missing.status).toBe(400);
  });

  it("refuses a body over 25 MB with 413", async () => {
    const body = JSON.stringify({ padding: "x".repeat(25 * 1024 * 1024) });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "thing", "x-github-delivery": "big" },
      body,
    });
    expect(response.status).toBe(413);
  });
});
