import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalCatalog } from "../../src/engine/catalog/local-catalog.js";
import { DataSource } from "../../src/engine/data-source/data-source.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { RAW_EXAMPLES_PER_KIND } from "../../src/engine/sync/raw-examples.js";
import { createServer } from "../../src/server/create-server.js";
import { databaseFactories, type TestDatabase } from "../support/databases.js";
import { FakeIntegration, thing } from "../support/fake-integration.js";

const pglite = databaseFactories[0];

describe("GET /api/v1/raw-examples/:kind", () => {
  let store: TestDatabase;
  let server: FastifyInstance;
  let integration: FakeIntegration;
  let url: string;

  async function open(sendRawDataExamples: boolean): Promise<DataSource> {
    const catalog = new LocalCatalog(store.database);
    const dataSource = await DataSource.open({
      id: "fake",
      integration,
      mappingText: integration.defaultMapping(),
      mappingSource: "test",
      database: store.database,
      catalog,
      eventWorkersCount: 1,
      sendRawDataExamples,
      logger: silentLogger(),
    });
    server = await createServer({
      dataSource,
      catalog,
      webhookSecret: undefined,
      portalDirectory: undefined,
      logger: silentLogger(),
    });
    url = await server.listen({ host: "127.0.0.1", port: 0 });
    return dataSource;
  }

  async function resync(dataSource: DataSource) {
    const outcome = await dataSource.requestResync("test");
    if (!outcome.started) throw new Error("resync did not start");
    return outcome.summary;
  }

  beforeEach(async () => {
    if (!pglite) throw new Error("no pglite factory");
    store = await pglite.create();
    integration = new FakeIntegration();
  });
  afterEach(async () => {
    await server.close();
    await store.dispose();
  });

  it("keeps a bounded sample per kind, newest first, even of objects the mapping refuses", async () => {
    const dataSource = await open(true);
    integration.things = ["a", "b", "c", "d", "e", "f", "g"].map((id) => thing(id, { size: "not a number" }));
    await resync(dataSource);
    integration.things = [thing("new-1"), thing("new-2")];
    await resync(dataSource);
    const response = await fetch(`${url}/api/v1/raw-examples/thing`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { kind: string; examples: Array<{ id: string }> };
    expect(body.examples).toHaveLength(RAW_EXAMPLES_PER_KIND);
    expect(body.examples.map((example) => example.id)).toEqual(["new-2", "new-1", "e", "d", "c"]);
    expect(body.examples[2]).toEqual(thing("e", { size: "not a number" }));
  });

  it("keeps none with sendRawDataExamples off, and answers 404 for an unknown kind", async () => {
    await store.database.query(
      "INSERT INTO raw_examples (data_source, kind, example) VALUES ('fake', 'thing', '{\"id\": \"old\"}')",
    );
    const dataSource = await open(false);
    integration.things = [thing("a")];
    await resync(dataSource);
    const body = (await (await fetch(`${url}/api/v1/raw-examples/thing`)).json()) as { examples: unknown[] };
    expect(body.examples).toEqual([]);
    const unknown = await fetch(`${url}/api/v1/raw-examples/nothing`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("API_UNKNOWN_KIND");
  });
});
