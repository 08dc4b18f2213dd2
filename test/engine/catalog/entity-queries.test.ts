import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Entity } from "../../../src/engine/catalog/entity.js";
import { LocalCatalog } from "../../../src/engine/catalog/local-catalog.js";
import { databaseFactories, type TestDatabase } from "../../support/databases.js";

function entity(blueprint: string, identifier: string, fields: Partial<Entity> = {}): Entity {
  return { blueprint, identifier, title: identifier, properties: {}, relations: {}, ...fields };
}

/** The catalog's read side behind the portal's search, filters and entity page, on both stores. */
describe.each(databaseFactories)("entity queries on $name", (factory) => {
  let store: TestDatabase;
  let catalog: LocalCatalog;

  beforeAll(async () => {
    store = await factory.create();
    catalog = new LocalCatalog(store.database);
    await catalog.ensureBlueprints([
      { identifier: "team", schema: { properties: {} } },
      {
        identifier: "service",
        schema: {
          properties: { language: { type: "string" }, on: { type: "boolean" }, tags: { type: "array" } },
        },
        relations: { owner: { target: "team" }, helpers: { target: "team", many: true } },
      },
    ]);
    await catalog.upsertEntities([entity("team", "core"), entity("team", "edge")], { dataSource: "a" });
    await catalog.upsertEntities(
      [
        entity("service", "s1", {
          title: "50% off",
          properties: { language: "Go", on: true, tags: ["x"] },
          relations: { owner: "core" },
        }),
        entity("service", "s2", {
          title: "Under_score",
          properties: { language: "Go", on: false },
          relations: { owner: "core", helpers: ["edge"] },
        }),
        entity("service", "s3", {
          properties: { language: "Rust", tags: ["x", "y"] },
          relations: { owner: "core", helpers: ["core"] },
        }),
      ],
      { dataSource: "a" },
    );
    await catalog.upsertEntities([entity("service", "s4", { properties: { language: "Go" } })], {
      dataSource: "b",
    });
  });

  afterAll(async () => {
    await store?.dispose();
  });

  const ids = async (filter: Parameters<LocalCatalog["listEntities"]>[2], limit = 100) =>
    (await catalog.listEntities("service", { limit, offset: 0 }, filter)).entities.map(
      (found) => found.identifier,
    );

  it("searches identifier and title ignoring case; % and _ match only themselves", async () => {
    expect(await ids({ search: "S" })).toEqual(["s1", "s2", "s3", "s4"]);
    expect(await ids({ search: "UNDER" })).toEqual(["s2"]);
    expect(await ids({ search: "%" })).toEqual(["s1"]);
    expect(await ids({ search: "_" })).toEqual(["s2"]);
  });

  it("filters by property text, boolean and list element, and by data source; total counts the filtered", async () => {
    expect(await ids({ properties: { language: "Go" } })).toEqual(["s1", "s2", "s4"]);
    expect(await ids({ properties: { on: "false" } })).toEqual(["s2"]);
    expect(await ids({ properties: { tags: "y" } })).toEqual(["s3"]);
    expect(await ids({ properties: { language: "Go" }, dataSource: "a" })).toEqual(["s1", "s2"]);
    const page = await catalog.listEntities(
      "service",
      { limit: 1, offset: 1 },
      { properties: { language: "Go" } },
    );
    expect(page.entities.map((found) => found.identifier)).toEqual(["s2"]);
    expect(page.total).toBe(3);
    expect(await catalog.entityDataSources("service")).toEqual(["a", "b"]);
  });

  it("reads one entity, and the entities pointing at it grouped per blueprint and relation", async () => {
    expect(await catalog.getEntity({ blueprint: "team", identifier: "nobody" })).toBeUndefined();
    expect(await catalog.getEntity({ blueprint: "service", identifier: "s2" })).toMatchObject({
      relations: { owner: "core", helpers: ["edge"] },
      dataSource: "a",
    });
    const incoming = await catalog.incomingRelations({ blueprint: "team", identifier: "core" }, 2);
    expect(incoming).toEqual([
      {
        blueprint: "service",
        relation: "helpers",
        total: 1,
        entities: [{ blueprint: "service", identifier: "s3", title: "s3" }],
      },
      {
        blueprint: "service",
        relation: "owner",
        total: 3,
        entities: [
          { blueprint: "service", identifier: "s1", title: "50% off" },
          { blueprint: "service", identifier: "s2", title: "Under_score" },
        ],
      },
    ]);
    expect(await catalog.incomingRelations({ blueprint: "service", identifier: "s1" }, 10)).toEqual([]);
  });
});
