import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PortApiCatalog } from "../../../src/engine/catalog/port-api-catalog.js";
import { ResyncSeenKeys } from "../../../src/engine/catalog/resync-seen-keys.js";
import { DataSource } from "../../../src/engine/data-source/data-source.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";
import { PORTOLAN_VERSION } from "../../../src/engine/portolan-version.js";
import type { ResyncSummary } from "../../../src/engine/sync/resync-summary.js";
import { PortApiClient } from "../../../src/port-api-client/port-api-client.js";
import { databaseFactories, type TestDatabase } from "../../support/databases.js";
import { FakeIntegration, thing } from "../../support/fake-integration.js";
import { startTestServer, type TestServer } from "../../support/start-test-server.js";

/** An answer the test server gives once instead of the real one, to exercise the client's retries. */
interface Fault {
  path: string;
  status: number;
  headers?: Record<string, string>;
  hits: number;
}

const OWNER = `port-ocean/fake/${PORTOLAN_VERSION}/remote/exporter`;

describe("PortApiCatalog against Portolan's own Port API", () => {
  let server: TestServer;
  let clientStore: TestDatabase;
  let credentials: { clientId: string; clientSecret: string };
  let catalog: PortApiCatalog;
  let source: FakeIntegration;
  let dataSource: DataSource;
  const faults: Fault[] = [];
  const statuses: Array<{ url: string; status: number }> = [];

  beforeAll(async () => {
    server = await startTestServer({
      configure(app) {
        app.addHook("onRequest", async (request, reply) => {
          const fault = faults.find(
            (candidate) => candidate.hits === 0 && request.url.includes(candidate.path),
          );
          if (!fault) return;
          fault.hits++;
          return reply
            .code(fault.status)
            .headers(fault.headers ?? {})
            .send({ ok: false, error: "injected", message: "injected by the test" });
        });
        app.addHook("onResponse", async (request, reply) => {
          statuses.push({ url: request.url, status: reply.statusCode });
        });
      },
    });
    credentials = await server.auth.createClient("portolan");
    const factory = databaseFactories[0];
    if (!factory) throw new Error("no pglite factory");
    clientStore = await factory.create();
    catalog = new PortApiCatalog(client(), "fake", seenKeys());
    source = new FakeIntegration();
    dataSource = await DataSource.open({
      id: "remote",
      integration: source,
      mappingText: source.defaultMapping(),
      mappingSource: "test",
      database: clientStore.database,
      catalog,
      eventWorkersCount: 1,
      logger: silentLogger(),
    });
  });

  afterAll(async () => {
    await dataSource.stop();
    await clientStore.dispose();
    await server.close();
  });

  function seenKeys() {
    return new ResyncSeenKeys(clientStore.database);
  }

  function client(overrides: Partial<ConstructorParameters<typeof PortApiClient>[0]> = {}) {
    return new PortApiClient({
      baseUrl: server.url,
      ...credentials,
      agent: { type: "fake", version: PORTOLAN_VERSION },
      baseDelayMs: 5,
      ...overrides,
    });
  }

  async function resync(on: DataSource): Promise<ResyncSummary> {
    const outcome = await on.requestResync("test");
    if (!outcome.started) throw new Error("resync did not start");
    return outcome.summary;
  }

  async function serverThings(): Promise<Array<{ identifier: string; dataSource: string; color: unknown }>> {
    const { entities } = await server.catalog.listEntities("thing", { limit: 100, offset: 0 });
    return entities.map((entity) => ({
      identifier: entity.identifier,
      dataSource: entity.dataSource,
      color: entity.properties.color,
    }));
  }

  it("resyncs into Port's API: owned by its User-Agent, unchanged ones not rewritten, stale ones deleted", async () => {
    // Another owner's entity in the same catalog must survive this integration's stale deletion.
    server.integration.things = [thing("x")];
    expect((await resync(server.dataSource)).status).toBe("completed");
    source.things = [thing("a"), thing("b"), thing("c")];
    const first = await resync(dataSource);
    expect(first.status).toBe("completed");
    expect(first.kinds.thing).toMatchObject({ seen: 3, upserted: 3, unchanged: 0 });
    expect(await serverThings()).toEqual([
      { identifier: "a", dataSource: OWNER, color: "red" },
      { identifier: "b", dataSource: OWNER, color: "red" },
      { identifier: "c", dataSource: OWNER, color: "red" },
      { identifier: "x", dataSource: "fake", color: "red" },
    ]);

    source.things = [thing("a"), thing("b", { color: "blue" })];
    const second = await resync(dataSource);
    expect(second.status).toBe("completed");
    expect(second.kinds.thing).toMatchObject({ seen: 2, upserted: 1, unchanged: 1, deleted: 1 });
    expect(second.deletions).toEqual([expect.objectContaining({ blueprint: "thing", identifier: "c" })]);
    expect(await serverThings()).toEqual([
      { identifier: "a", dataSource: OWNER, color: "red" },
      { identifier: "b", dataSource: OWNER, color: "blue" },
      { identifier: "x", dataSource: "fake", color: "red" },
    ]);
  });

  it("retries a 503 and a 429 with Retry-After, and the resync completes", async () => {
    faults.push(
      { path: "/entities/bulk", status: 503, hits: 0 },
      { path: "/entities/search", status: 429, headers: { "retry-after": "0" }, hits: 0 },
      // Then too large as one request: written entity by entity.
      { path: "/entities/bulk", status: 413, hits: 0 },
    );
    statuses.length = 0;
    source.things = [thing("a"), thing("b", { color: "blue" }), thing("d")];
    const summary = await resync(dataSource);
    expect(faults.map((fault) => fault.hits)).toEqual([1, 1, 1]);
    expect(statuses.filter((answer) => answer.url.startsWith("/v1/blueprints/thing/entities?"))).toEqual([
      { url: expect.stringContaining("upsert=true"), status: 201 },
    ]);
    expect(summary.status).toBe("completed");
    expect(summary.kinds.thing).toMatchObject({ upserted: 1, unchanged: 2, failed: 0 });
    expect((await serverThings()).map((entity) => entity.identifier)).toEqual(["a", "b", "d", "x"]);
  });

  it("gets a new token when the server answers 401 to the cached one", async () => {
    await server.store.database.query("DELETE FROM access_tokens WHERE subject = $1", [
      `client:${credentials.clientId}`,
    ]);
    statuses.length = 0;
    source.things = [thing("a"), thing("e")];
    const summary = await resync(dataSource);
    expect(summary.status).toBe("completed");
    expect(statuses[0]?.status).toBe(401);
    expect(statuses.filter((answer) => answer.url === "/v1/auth/access_token")).toEqual([
      { url: "/v1/auth/access_token", status: 200 },
    ]);
    expect((await serverThings()).map((entity) => entity.identifier)).toEqual(["a", "e", "x"]);
  });

  it("applies live events through Port's API too", async () => {
    await dataSource.startWorkers();
    await dataSource.receive({
      deliveryId: "live-1",
      name: "thing",
      payload: { action: "upsert", thing: thing("live") },
    });
    await dataSource.receive({
      deliveryId: "live-2",
      name: "thing",
      payload: { action: "delete", thing: thing("e") },
    });
    await dataSource.whenEventsIdle();
    expect(await serverThings()).toEqual([
      { identifier: "a", dataSource: OWNER, color: "red" },
      { identifier: "live", dataSource: OWNER, color: "red" },
      { identifier: "x", dataSource: "fake", color: "red" },
    ]);
    await dataSource.receive({
      deliveryId: "live-3",
      name: "thing",
      payload: { action: "upsert", thing: thing("e") },
    });
    await dataSource.receive({
      deliveryId: "live-4",
      name: "thing",
      payload: { action: "delete", thing: thing("live") },
    });
    await dataSource.whenEventsIdle();
    expect((await serverThings()).map((entity) => entity.identifier)).toEqual(["a", "e", "x"]);
  });

  it("plans without writing: compares with Port, lists owned keys and blueprint counts", async () => {
    const context = { dataSource: "remote" };
    const outcomes = await catalog.compareEntities(
      [
        {
          identifier: "a",
          blueprint: "thing",
          title: "Thing a",
          properties: { color: "red", size: 1 },
          relations: {},
        },
        {
          identifier: "e",
          blueprint: "thing",
          title: "Thing e",
          properties: { color: "green", size: 1 },
          relations: {},
        },
        { identifier: "new", blueprint: "thing", properties: {}, relations: {} },
      ],
      context,
    );
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(["unchanged", "updated", "created"]);
    expect(await catalog.ownedKeys("remote")).toEqual([
      { blueprint: "thing", identifier: "a" },
      { blueprint: "thing", identifier: "e" },
    ]);
    expect(await catalog.countEntities("remote")).toBe(2);
    const blueprints = await catalog.listBlueprints();
    expect(blueprints.find((blueprint) => blueprint.identifier === "thing")?.entityCount).toBe(3);
    expect((await serverThings()).map((entity) => entity.identifier)).toEqual(["a", "e", "x"]);
    // Another owner's entity is not this integration's to delete.
    expect(await catalog.deleteEntities([{ blueprint: "thing", identifier: "x" }], "remote")).toEqual({
      deleted: [],
      refused: [],
    });
    expect((await serverThings()).map((entity) => entity.identifier)).toEqual(["a", "e", "x"]);
  });

  it("reports refused entities per entity and creates missing blueprints with their relations", async () => {
    const created = await catalog.ensureBlueprints([
      {
        identifier: "box",
        schema: { properties: {} },
        relations: { holds: { target: "thing", many: true } },
      },
    ]);
    expect(created).toEqual(["box"]);
    const [box] = (await server.catalog.listBlueprints()).filter(
      (blueprint) => blueprint.identifier === "box",
    );
    expect(box?.relations).toEqual({ holds: { target: "thing", many: true } });
    const results = await catalog.upsertEntities(
      [
        { identifier: "full", blueprint: "box", properties: {}, relations: { holds: ["a", "e"] } },
        { identifier: "bad", blueprint: "box", properties: {}, relations: { holds: ["missing"] } },
      ],
      { dataSource: "remote" },
    );
    expect(results.map((result) => result.outcome)).toEqual(["created", "failed"]);
    expect(results[1]?.error).toMatchObject({ code: "PORT_ENTITY_REFUSED" });
    expect(results[1]?.error?.message).toContain("not_found");
  });

  it("says when the credentials are wrong or Port cannot be reached", async () => {
    const wrong = new PortApiCatalog(client({ clientSecret: "wrong" }), "fake", seenKeys());
    await expect(wrong.ownedKeys("remote")).rejects.toMatchObject({ code: "PORT_API_BAD_CREDENTIALS" });
    const unreachable = new PortApiCatalog(
      client({ baseUrl: await closedPortUrl(), maxRetries: 1 }),
      "fake",
      seenKeys(),
    );
    await expect(unreachable.ownedKeys("remote")).rejects.toMatchObject({ code: "PORT_API_UNREACHABLE" });
  });
});

/** A loopback URL nothing listens on: a port just freed. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
