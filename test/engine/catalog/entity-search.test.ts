import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntitySearchRule } from "../../../src/engine/catalog/entity-search.js";
import { LocalCatalog } from "../../../src/engine/catalog/local-catalog.js";
import { databaseFactories, type TestDatabase } from "../../support/databases.js";

describe.each(databaseFactories)("Port's search language over LocalCatalog on $name", (factory) => {
  let store: TestDatabase;
  let catalog: LocalCatalog;

  beforeAll(async () => {
    store = await factory.create();
    catalog = new LocalCatalog(store.database);
    await catalog.ensureBlueprints([
      {
        identifier: "service",
        schema: {
          properties: {
            language: { type: "string" },
            tags: { type: "array" },
            stars: { type: "number" },
            owner: { type: "string" },
          },
        },
      },
    ]);
    await catalog.upsertEntities(
      [
        {
          identifier: "api",
          blueprint: "service",
          title: "Public API",
          team: ["core"],
          properties: { language: "go", tags: ["backend", "public"], stars: 40, owner: "ann" },
          relations: {},
        },
        {
          identifier: "web",
          blueprint: "service",
          title: "Web",
          properties: { language: "ts", tags: ["frontend"], stars: 7, owner: "" },
          relations: {},
        },
        { identifier: "tool", blueprint: "service", properties: { stars: 7 }, relations: {} },
      ],
      { dataSource: "port-ocean/github/1.0.0/my-github/exporter" },
    );
  });

  afterAll(async () => {
    await store.dispose();
  });

  async function matching(...rules: EntitySearchRule[]): Promise<string[]> {
    const found = await catalog.searchEntities({ combinator: "and", rules }, { limit: 100 });
    return found.map((entity) => entity.identifier);
  }

  it("evaluates Port's operators on properties and meta properties", async () => {
    expect(await matching({ property: "language", operator: "=", value: "go" })).toEqual(["api"]);
    expect(await matching({ property: "language", operator: "!=", value: "go" })).toEqual(["tool", "web"]);
    expect(await matching({ property: "language", operator: "!=", value: null })).toEqual(["api", "web"]);
    expect(await matching({ property: "language", operator: "=", value: null })).toEqual(["tool"]);
    expect(await matching({ property: "stars", operator: "in", value: [7, 8] })).toEqual(["tool", "web"]);
    expect(await matching({ property: "stars", operator: "notIn", value: [7] })).toEqual(["api"]);
    expect(await matching({ property: "stars", operator: ">=", value: 40 })).toEqual(["api"]);
    expect(await matching({ property: "stars", operator: "<", value: "40" })).toEqual([]);
    expect(await matching({ property: "tags", operator: "containsAny", value: ["public", "x"] })).toEqual([
      "api",
    ]);
    expect(await matching({ property: "tags", operator: "contains", value: "frontend" })).toEqual(["web"]);
    expect(await matching({ property: "owner", operator: "doesNotContains", value: "an" })).toEqual([
      "tool",
      "web",
    ]);
    expect(await matching({ property: "owner", operator: "isEmpty" })).toEqual(["tool", "web"]);
    expect(await matching({ property: "owner", operator: "isNotEmpty" })).toEqual(["api"]);
    expect(await matching({ property: "$title", operator: "contains", value: "API" })).toEqual(["api"]);
    expect(await matching({ property: "$title", operator: "isEmpty" })).toEqual(["tool"]);
    expect(await matching({ property: "$identifier", operator: "endsWith", value: "eb" })).toEqual(["web"]);
    expect(await matching({ property: "$team", operator: "containsAny", value: ["core"] })).toEqual(["api"]);
    expect(
      await matching({ property: "$datasource", operator: "beginsWith", value: "port-ocean/github/" }),
    ).toEqual(["api", "tool", "web"]);
    expect(
      await matching({
        property: "$updatedAt",
        operator: "between",
        value: { from: "2000-01-01T00:00:00Z", to: new Date(Date.now() + 60_000).toISOString() },
      }),
    ).toEqual(["api", "tool", "web"]);
  });

  it("nests and/or queries and pages in key order from a given key", async () => {
    const found = await catalog.searchEntities(
      {
        combinator: "or",
        rules: [
          { property: "language", operator: "=", value: "go" },
          {
            combinator: "and",
            rules: [
              { property: "stars", operator: "=", value: 7 },
              { property: "language", operator: "isEmpty" },
            ],
          },
        ],
      },
      { limit: 1, after: { blueprint: "service", identifier: "api" } },
    );
    expect(found.map((entity) => entity.identifier)).toEqual(["tool"]);
    expect(await catalog.searchEntities({ combinator: "or", rules: [] }, { limit: 10 })).toEqual([]);
  });

  it("refuses what it cannot evaluate, naming the rule", async () => {
    await expect(matching({ property: "owner", operator: "relatedTo", value: "x" })).rejects.toMatchObject({
      code: "PORT_SEARCH_UNSUPPORTED",
      where: { path: "rules[0]" },
    });
    await expect(matching({ property: "$updatedAt", operator: "=", value: "x" })).rejects.toMatchObject({
      code: "PORT_SEARCH_UNSUPPORTED",
    });
    await expect(matching({ property: "stars", operator: "in", value: 7 })).rejects.toMatchObject({
      code: "PORT_SEARCH_UNSUPPORTED",
      where: { path: "rules[0].value" },
    });
    await expect(matching({ property: "$createdBy", operator: "=", value: "x" })).rejects.toMatchObject({
      code: "PORT_SEARCH_UNSUPPORTED",
    });
  });
});
