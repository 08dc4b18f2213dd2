import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Blueprint } from "../../../src/engine/catalog/blueprint.js";
import type { Entity } from "../../../src/engine/catalog/entity.js";
import { LocalCatalog } from "../../../src/engine/catalog/local-catalog.js";
import { databaseFactories, type TestDatabase } from "../../support/databases.js";

const repositoryBlueprint: Blueprint = {
  identifier: "githubRepository",
  title: "Repository",
  schema: {
    properties: {
      url: { type: "string", format: "url" },
      visibility: { type: "string", enum: ["public", "private"] },
      stars: { type: "number" },
    },
    required: [],
  },
  relations: { organization: { target: "githubOrganization", many: false, required: false } },
};

function repository(identifier: string, properties: Record<string, unknown> = {}): Entity {
  return {
    identifier,
    blueprint: "githubRepository",
    title: identifier,
    properties: { url: `https://example.test/${identifier}`, visibility: "public", ...properties },
    relations: { organization: "acme" },
  };
}

describe.each(databaseFactories)("LocalCatalog on $name", (factory) => {
  let store: TestDatabase;
  let catalog: LocalCatalog;

  beforeEach(async () => {
    store = await factory.create();
    catalog = new LocalCatalog(store.database);
    await catalog.ensureBlueprints([repositoryBlueprint]);
  });
  afterEach(async () => {
    await store.dispose();
  });

  it("creates blueprints once and leaves existing ones as they are", async () => {
    const changed = { ...repositoryBlueprint, title: "Changed" };
    expect(await catalog.ensureBlueprints([changed])).toEqual([]);
    const [summary] = await catalog.listBlueprints();
    expect(summary?.title).toBe("Repository");
    expect(summary?.entityCount).toBe(0);
  });

  it("tells created, updated and unchanged apart, and keeps updatedAt of an unchanged entity", async () => {
    const first = await catalog.upsertEntities([repository("a"), repository("b")], { dataSource: "gh" });
    expect(first.map((result) => result.outcome)).toEqual(["created", "created"]);
    const before = (await catalog.listEntities("githubRepository", { limit: 10, offset: 0 })).entities;

    const second = await catalog.upsertEntities([repository("a"), repository("b", { stars: 3 })], {
      dataSource: "gh",
    });
    expect(second.map((result) => result.outcome)).toEqual(["unchanged", "updated"]);
    const after = (await catalog.listEntities("githubRepository", { limit: 10, offset: 0 })).entities;
    expect(after[0]?.updatedAt).toBe(before[0]?.updatedAt);
    expect(after[1]?.updatedAt).not.toBe(before[1]?.updatedAt);
    expect(after[1]?.properties).toEqual({ url: "https://example.test/b", visibility: "public", stars: 3 });
  });

  it("refuses an invalid entity whole and reports why, without touching the stored one", async () => {
    await catalog.upsertEntities([repository("a")], { dataSource: "gh" });
    const results = await catalog.upsertEntities(
      [
        repository("a", { visibility: "secret" }),
        repository("b", { stars: "many" }),
        { ...repository("c"), properties: { color: "red" } },
        { ...repository("d"), relations: { owner: "x" } },
        { ...repository("e"), blueprint: "missing" },
      ],
      { dataSource: "gh" },
    );
    expect(results.map((result) => [result.outcome, result.error?.code])).toEqual([
      ["failed", "ENTITY_INVALID_PROPERTY"],
      ["failed", "ENTITY_INVALID_PROPERTY"],
      ["failed", "ENTITY_UNKNOWN_PROPERTY"],
      ["failed", "ENTITY_UNKNOWN_RELATION"],
      ["failed", "ENTITY_UNKNOWN_BLUEPRINT"],
    ]);
    const { entities, total } = await catalog.listEntities("githubRepository", { limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(entities[0]?.properties.visibility).toBe("public");
  });

  it("offers as stale only unseen entities of its data source written before the resync started", async () => {
    await catalog.upsertEntities([repository("seen"), repository("gone")], { dataSource: "gh" });
    await catalog.upsertEntities([repository("other-source")], { dataSource: "another" });
    const { rows } = await store.database.query<{ now: Date }>("SELECT clock_timestamp() AS now");
    const startedAt = rows[0]?.now as Date;
    await catalog.upsertEntities([repository("seen")], { dataSource: "gh", resyncId: "r1" });
    await catalog.upsertEntities([repository("live-event")], { dataSource: "gh" });
    const stale = await catalog.staleKeys("gh", "r1", startedAt);
    expect(stale).toEqual([{ blueprint: "githubRepository", identifier: "gone" }]);
  });

  it("deletes only the data source's own entities and pages through a blueprint", async () => {
    await catalog.upsertEntities([repository("a"), repository("b"), repository("c")], { dataSource: "gh" });
    const deleted = await catalog.deleteEntities(
      [
        { blueprint: "githubRepository", identifier: "a" },
        { blueprint: "githubRepository", identifier: "missing" },
      ],
      "gh",
    );
    expect(deleted).toEqual([{ blueprint: "githubRepository", identifier: "a" }]);
    expect(
      await catalog.deleteEntities([{ blueprint: "githubRepository", identifier: "b" }], "someone-else"),
    ).toEqual([]);
    const page = await catalog.listEntities("githubRepository", { limit: 1, offset: 1 });
    expect(page.total).toBe(2);
    expect(page.entities.map((entity) => entity.identifier)).toEqual(["c"]);
    expect(await catalog.countEntities("gh")).toBe(2);
  });
});
