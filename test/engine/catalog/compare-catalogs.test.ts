import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Blueprint } from "../../../src/engine/catalog/blueprint.js";
import { compareCatalogs } from "../../../src/engine/catalog/compare-catalogs.js";
import type { Entity } from "../../../src/engine/catalog/entity.js";
import { LocalCatalog } from "../../../src/engine/catalog/local-catalog.js";
import { databaseFactories, type TestDatabase } from "../../support/databases.js";

const pglite = databaseFactories[0];

const service: Blueprint = {
  identifier: "service",
  title: "Service",
  schema: { properties: { tier: { type: "string" }, stars: { type: "number" } }, required: [] },
  relations: { owner: { target: "team", required: false, many: false } },
} as Blueprint;
const team: Blueprint = { identifier: "team", title: "Team", schema: { properties: {} } } as Blueprint;

function entity(blueprint: string, identifier: string, properties = {}, relations = {}): Entity {
  return { blueprint, identifier, title: identifier, properties, relations };
}

describe("compareCatalogs", () => {
  const stores: TestDatabase[] = [];
  let expected: LocalCatalog;
  let actual: LocalCatalog;

  async function catalog(): Promise<LocalCatalog> {
    if (!pglite) throw new Error("no pglite factory");
    const store = await pglite.create();
    stores.push(store);
    const created = new LocalCatalog(store.database);
    await created.ensureBlueprints([team, service]);
    return created;
  }

  beforeEach(async () => {
    expected = await catalog();
    actual = await catalog();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.dispose();
  });

  it("finds no mismatch between catalogs holding the same entities written in another order", async () => {
    const entities = [
      entity("team", "core"),
      entity("service", "api", { tier: "gold", stars: 3 }, { owner: "core" }),
      entity("service", "web", { stars: 1 }),
    ];
    await expected.upsertEntities(entities, { dataSource: "soak" });
    await actual.upsertEntities([...entities].reverse(), { dataSource: "fresh" });
    expect(await compareCatalogs(expected, actual)).toEqual({ compared: 3, mismatches: [] });
  });

  it("names missing, unexpected and different entities and the fields that differ", async () => {
    await expected.upsertEntities(
      [
        entity("team", "core"),
        entity("service", "api", { tier: "gold" }, { owner: "core" }),
        entity("service", "gone", {}),
      ],
      { dataSource: "fresh" },
    );
    await actual.upsertEntities(
      [
        entity("team", "core"),
        entity("service", "api", { tier: "silver" }, { owner: null }),
        entity("service", "extra", {}),
      ],
      { dataSource: "soak" },
    );
    const comparison = await compareCatalogs(expected, actual);
    expect(comparison.compared).toBe(4);
    expect(comparison.mismatches).toEqual(
      expect.arrayContaining([
        {
          blueprint: "service",
          identifier: "api",
          problem: "different",
          fields: ["properties", "relations"],
        },
        { blueprint: "service", identifier: "gone", problem: "missing" },
        { blueprint: "service", identifier: "extra", problem: "unexpected" },
      ]),
    );
    expect(comparison.mismatches).toHaveLength(3);
  });
});
