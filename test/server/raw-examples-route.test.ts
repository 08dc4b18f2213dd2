import { afterEach, describe, expect, it } from "vitest";
import { RAW_EXAMPLES_PER_KIND } from "../../src/engine/sync/raw-examples.js";
import { pgliteDatabases, useTestDatabase } from "../support/databases.js";
import { thing } from "../support/fake-integration.js";
import { startTestServer, type TestServer } from "../support/start-test-server.js";

describe("GET /api/v1/raw-examples/:kind", () => {
  const database = useTestDatabase(pgliteDatabases);
  let running: TestServer | undefined;

  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  async function resync(server: TestServer) {
    const outcome = await server.dataSource.requestResync("test");
    if (!outcome.started) throw new Error("resync did not start");
    return outcome.summary;
  }

  function get(server: TestServer, kind: string) {
    return fetch(`${server.url}/api/v1/raw-examples/${kind}`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
  }

  it("keeps a bounded sample per kind, newest first, even of objects the mapping refuses", async () => {
    const server = await startTestServer({ database: database() });
    running = server;
    server.integration.things = ["a", "b", "c", "d", "e", "f", "g"].map((id) =>
      thing(id, { size: "not a number" }),
    );
    await resync(server);
    server.integration.things = [thing("new-1"), thing("new-2")];
    await resync(server);
    const response = await get(server, "thing");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { kind: string; examples: Array<{ id: string }> };
    expect(body.examples).toHaveLength(RAW_EXAMPLES_PER_KIND);
    expect(body.examples.map((example) => example.id)).toEqual(["new-2", "new-1", "e", "d", "c"]);
    expect(body.examples[2]).toEqual(thing("e", { size: "not a number" }));
  });

  it("keeps none with sendRawDataExamples off, and answers 404 for an unknown kind", async () => {
    const server = await startTestServer({ sendRawDataExamples: false, database: database() });
    running = server;
    await server.store.database.query(
      "INSERT INTO raw_examples (data_source, kind, example) VALUES ('fake', 'thing', '{\"id\": \"old\"}')",
    );
    server.integration.things = [thing("a")];
    await resync(server);
    const body = (await (await get(server, "thing")).json()) as { examples: unknown[] };
    expect(body.examples).toEqual([]);
    const unknown = await get(server, "nothing");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("API_UNKNOWN_KIND");
  });
});
