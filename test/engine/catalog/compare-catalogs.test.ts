import { beforeEach, describe, expect, it } from "vitest";
import type { Blueprint } from "../../../src/engine/catalog/blueprint.js";
import { compareCatalogs } from "../../../src/engine/catalog/compare-catalogs.js";
import type { Entity } from "../../../src/engine/catalog/entity.js";
import { LocalCatalog } from "../../../src/engine/catalog/local-catalog.js";
import type { Database } from "../../../src/engine/store/database.js";
import { pgliteDatabases, useTestDatabase } from "../../support/databases.js";

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
  const expectedDatabase = useTestDatabase(pgliteDatabases);
  const actualDatabase = useTestDatabase(pgliteDatabases);
  let expected: LocalCatalog;
  let actual: LocalCatalog;

  async function catalog(database: Database): Promise<LocalCatalog> {
    const created = new LocalCatalog(database);
    await created.ensureBlueprints([team, service]);
    return created;
  }

  beforeEach(async () => {
    expected = await catalog(expectedDatabase());
    actual = await catalog(actualDatabase());
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
