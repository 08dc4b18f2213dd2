import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataSource } from "../../src/engine/data-source/data-source.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { MAPPING_VERSIONS_KEPT } from "../../src/engine/mapping/mapping-versions.js";
import { FAKE_MAPPING, FAKE_PARTS_MAPPING, part, thing } from "../support/fake-integration.js";
import { startTestServer, type TestServer } from "../support/start-test-server.js";

interface Problem {
  severity: string;
  code: string;
  message: string;
  line?: number;
  column?: number;
  path?: string;
}

/** One server for the file (starting one costs seconds); each test leaves the mapping as it found it. */
describe("mapping API", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  async function resync() {
    const outcome = await server.dataSource.requestResync("test");
    if (!outcome.started) throw new Error("resync did not start");
    await outcome.summary;
  }

  function call(method: string, path: string, body?: unknown) {
    return fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${server.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  it("lists the data sources whose mapping can be edited, and reads the one in use", async () => {
    const list = await (await call("GET", "/api/v1/mapping/data-sources")).json();
    expect(list).toEqual({ dataSources: [{ id: "fake", integration: "fake", kinds: ["thing"] }] });
    const mapping = (await (await call("GET", "/api/v1/data-sources/fake/mapping")).json()) as {
      text: string;
      versions: unknown[];
    };
    expect(mapping.text).toBe(FAKE_MAPPING);
    expect(mapping.versions).toEqual([]);
    const unknown = await call("GET", "/api/v1/data-sources/nope/mapping");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      "API_UNKNOWN_DATA_SOURCE",
    );
  });

  it("validates as the parser does: errors and warnings at their line and column", async () => {
    // Line 9 (the text starts with a newline) gets a colon-less line in the middle of a block map.
    const broken = FAKE_MAPPING.replace("          identifier: .id\n", "          identifier .id\n");
    const syntax = (await (
      await call("POST", "/api/v1/data-sources/fake/mapping/validate", { text: broken })
    ).json()) as { valid: boolean; problems: Problem[] };
    expect(syntax.valid).toBe(false);
    expect(syntax.problems).toHaveLength(1);
    expect(syntax.problems[0]).toMatchObject({ severity: "error", code: "MAPPING_SYNTAX" });
    expect(syntax.problems[0]?.line).toBe(9);

    const unknownKind = FAKE_MAPPING.replace("kind: thing", "kind: gadget");
    const kind = (await (
      await call("POST", "/api/v1/data-sources/fake/mapping/validate", { text: unknownKind })
    ).json()) as { valid: boolean; problems: Problem[] };
    expect(kind.problems[0]).toMatchObject({
      code: "MAPPING_UNKNOWN_KIND",
      line: 3,
      path: "resources[0].kind",
    });

    const warnings = FAKE_MAPPING.replace("          title: .name\n", "          titel: .name\n").replace(
      "color: .color",
      "color: .color | ((",
    );
    const checked = (await (
      await call("POST", "/api/v1/data-sources/fake/mapping/validate", { text: warnings })
    ).json()) as { valid: boolean; problems: Problem[]; resources: unknown[] };
    expect(checked.valid).toBe(true);
    expect(checked.resources).toEqual([{ index: 0, kind: "thing" }]);
    expect(checked.problems.map(({ code, line, path }) => ({ code, line, path }))).toEqual([
      { code: "MAPPING_UNKNOWN_KEY", line: 10, path: "resources[0].port.entity.mappings.titel" },
      { code: "JQ_COMPILE", line: 13, path: "resources[0].port.entity.mappings.properties.color" },
    ]);

    const bad = await call("POST", "/api/v1/data-sources/fake/mapping/validate", { txt: "" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("API_INVALID_BODY");
  });

  it("saves a valid mapping as a new version used by the next resync; refuses an invalid one", async () => {
    server.integration.things = [thing("a", { color: "blue" })];
    const blue = FAKE_MAPPING.replace("color: .color", 'color: (.color + "!")');
    const saved = await call("PUT", "/api/v1/data-sources/fake/mapping", { text: blue });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { version: { version: number; savedBy: string } }).version).toMatchObject(
      {
        version: 1,
        savedBy: "account:admin",
      },
    );
    await resync();
    const entity = await server.catalog.getEntity({ blueprint: "thing", identifier: "a" });
    expect(entity?.properties.color).toBe("blue!");

    const refused = await call("PUT", "/api/v1/data-sources/fake/mapping", { text: "resources: 3" });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { code: string }; problems: Problem[] };
    expect(body.error.code).toBe("MAPPING_INVALID");
    expect(body.problems[0]?.line).toBe(1);
    expect(server.dataSource.currentMappingText).toBe(blue);

    // Revert: read the kept version and save it again.
    const original = await call("PUT", "/api/v1/data-sources/fake/mapping", { text: FAKE_MAPPING });
    expect(original.status).toBe(200);
    const kept = (await (await call("GET", "/api/v1/data-sources/fake/mapping/versions/1")).json()) as {
      text: string;
    };
    expect(kept.text).toBe(blue);
    await call("PUT", "/api/v1/data-sources/fake/mapping", { text: kept.text });
    const mapping = (await (await call("GET", "/api/v1/data-sources/fake/mapping")).json()) as {
      text: string;
      versions: Array<{ version: number }>;
    };
    expect(mapping.text).toBe(blue);
    expect(mapping.versions.map((version) => version.version)).toEqual([3, 2, 1]);

    // A restart uses the saved mapping, not the one it was configured with.
    const restarted = await DataSource.open({
      id: "fake",
      integration: server.integration,
      mappingText: FAKE_MAPPING,
      mappingSource: "test",
      database: server.store.database,
      catalog: server.catalog,
      eventWorkersCount: 1,
      logger: silentLogger(),
    });
    expect(restarted.currentMappingText).toBe(blue);
    await restarted.stop();
    await server.dataSource.saveMapping(FAKE_MAPPING, "test");
    for (const version of ["9", "abc", "99999999999"]) {
      const missing = await call("GET", `/api/v1/data-sources/fake/mapping/versions/${version}`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
        "MAPPING_VERSION_NOT_FOUND",
      );
    }
  });

  it(`keeps the last ${MAPPING_VERSIONS_KEPT} versions only`, async () => {
    const before = (await server.dataSource.mappingVersions.latest("fake"))?.version ?? 0;
    for (let index = 0; index < MAPPING_VERSIONS_KEPT + 2; index++) {
      await server.dataSource.saveMapping(`${FAKE_MAPPING}# save ${index}\n`, "test");
    }
    await server.dataSource.saveMapping(FAKE_MAPPING, "test");
    const versions = await server.dataSource.mappingVersions.list("fake");
    const newest = before + MAPPING_VERSIONS_KEPT + 3;
    expect(versions).toHaveLength(MAPPING_VERSIONS_KEPT);
    expect(versions[0]?.version).toBe(newest);
    expect(versions.at(-1)?.version).toBe(newest - MAPPING_VERSIONS_KEPT + 1);
  });

  it("tests a resource over the raw examples: entity, filtered out, and per-field errors", async () => {
    server.integration.things = [
      thing("plain"),
      thing("hidden", { hidden: true }),
      thing("odd", { size: "not a number" }),
    ];
    await resync();
    const text = FAKE_MAPPING.replace("color: .color", "color: (.color | error)");
    const response = await call("POST", "/api/v1/mapping/test", { text, kind: "thing" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      source: string;
      results: Array<{
        raw: { id: string };
        filteredOut: boolean;
        entities: Array<{
          entity: { identifier: string; properties: object };
          outcome: string;
          error?: { code: string };
          errors: Array<{ field: string; message: string }>;
        }>;
        errors: Array<{ field: string; message: string }>;
      }>;
    };
    expect(body.source).toBe("raw examples");
    const byId = new Map(body.results.map((result) => [result.raw.id, result]));
    expect(byId.get("hidden")).toMatchObject({ filteredOut: true, entities: [] });
    const plain = byId.get("plain");
    expect(plain?.entities[0]).toMatchObject({
      entity: { identifier: "plain", properties: { color: null, size: 1 } },
      outcome: "updated",
    });
    expect(plain?.entities[0]?.errors).toEqual([
      { field: "properties.color", message: expect.stringContaining("red") },
    ]);
    expect(plain?.errors).toEqual([]);
    expect(byId.get("odd")?.entities[0]).toMatchObject({
      outcome: "failed",
      error: { code: "ENTITY_INVALID_PROPERTY" },
    });
  });

  it("with itemsToParse, shows each entity's own field errors and the element of one that gave none", async () => {
    const response = await call("POST", "/api/v1/mapping/test", {
      text: FAKE_PARTS_MAPPING,
      kind: "thing",
      items: [
        thing("a", { parts: [part("1"), part("2", { size: "big" }), part("3")] }),
        thing("b", { parts: [part("1", { color: 7 }), { ...part("2"), id: 2 }, part("3", { size: [] })] }),
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      results: Array<{
        entities: Array<{ entity: { identifier: string }; errors: Array<{ field: string }> }>;
        errors: Array<{ field: string; element?: number }>;
      }>;
    };
    const shown = body.results.map((result) => ({
      entities: result.entities.map((tested) => [
        tested.entity.identifier,
        tested.errors.map((error) => error.field),
      ]),
      errors: result.errors.map((error) => [error.element, error.field]),
    }));
    expect(shown).toEqual([
      {
        entities: [
          ["a-1", []],
          ["a-2", ["properties.size"]],
          ["a-3", []],
        ],
        errors: [],
      },
      {
        entities: [
          ["b-1", ["properties.color"]],
          ["b-3", ["properties.size"]],
        ],
        errors: [[1, "identifier"]],
      },
    ]);
  });

  it("tests pasted raw objects by resource index, and says when there is no such resource", async () => {
    const response = await call("POST", "/api/v1/mapping/test", {
      text: FAKE_MAPPING,
      resourceIndex: 0,
      items: [{ id: "pasted", name: "Pasted", color: "green", size: 3 }],
    });
    const body = (await response.json()) as {
      source: string;
      results: Array<{ entities: Array<{ entity: object; outcome: string }>; errors: unknown[] }>;
    };
    expect(body.source).toBe("pasted");
    expect(body.results[0]?.entities[0]).toEqual({
      entity: {
        identifier: "pasted",
        blueprint: "thing",
        title: "Pasted",
        properties: { color: "green", size: 3 },
        relations: {},
      },
      outcome: "created",
      errors: [],
    });
    expect(body.results[0]?.errors).toEqual([]);
    const none = await call("POST", "/api/v1/mapping/test", { text: FAKE_MAPPING, resourceIndex: 4 });
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe("MAPPING_TEST_NO_RESOURCE");
    const invalid = await call("POST", "/api/v1/mapping/test", { text: "resources: [", kind: "thing" });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe("MAPPING_SYNTAX");
    const tooMany = await call("POST", "/api/v1/mapping/test", {
      text: FAKE_MAPPING,
      kind: "thing",
      items: Array.from({ length: 21 }, (_, index) => ({ id: String(index) })),
    });
    expect(tooMany.status).toBe(400);
  });
});
