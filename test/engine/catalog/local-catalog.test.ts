import { setTimeout as sleep } from "node:timers/promises";
import { beforeEach, describe, expect, it } from "vitest";
import type { Blueprint } from "../../../src/engine/catalog/blueprint.js";
import type { Entity } from "../../../src/engine/catalog/entity.js";
import { LocalCatalog } from "../../../src/engine/catalog/local-catalog.js";
import { databaseFactories, useTestDatabase } from "../../support/databases.js";

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

const organizationBlueprint: Blueprint = {
  identifier: "githubOrganization",
  title: "Organization",
  schema: { properties: {}, required: [] },
};

const teamBlueprint: Blueprint = {
  identifier: "githubTeam",
  schema: { properties: {}, required: [] },
};

/** Requires its organization; many teams. */
const teamRepositoryBlueprint: Blueprint = {
  ...repositoryBlueprint,
  identifier: "githubTeamRepository",
  relations: {
    organization: { target: "githubOrganization", required: true },
    teams: { target: "githubTeam", many: true },
  },
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
  const database = useTestDatabase(factory);
  let catalog: LocalCatalog;

  beforeEach(async () => {
    catalog = new LocalCatalog(database());
    await catalog.ensureBlueprints([
      organizationBlueprint,
      repositoryBlueprint,
      teamBlueprint,
      teamRepositoryBlueprint,
    ]);
    await catalog.upsertEntities(
      [{ identifier: "acme", blueprint: "githubOrganization", properties: {}, relations: {} }],
      { dataSource: "orgs" },
    );
  });

  it("creates blueprints once and leaves existing ones as they are", async () => {
    const changed = { ...repositoryBlueprint, title: "Changed" };
    expect(await catalog.ensureBlueprints([changed])).toEqual([]);
    const [, summary] = await catalog.listBlueprints();
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
        { ...repository("d"), relations: { owner: "x" } },
        { ...repository("e"), blueprint: "missing" },
      ],
      { dataSource: "gh" },
    );
    expect(results.map((result) => [result.outcome, result.error?.code])).toEqual([
      ["failed", "ENTITY_INVALID_PROPERTY"],
      ["failed", "ENTITY_INVALID_PROPERTY"],
      ["failed", "ENTITY_UNKNOWN_RELATION"],
      ["failed", "ENTITY_UNKNOWN_BLUEPRINT"],
    ]);
    const { entities, total } = await catalog.listEntities("githubRepository", { limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(entities[0]?.properties.visibility).toBe("public");
  });

  it("ignores a mapped property the blueprint does not define, as Port does, and names it", async () => {
    const [result] = await catalog.upsertEntities(
      [{ ...repository("c"), properties: { url: "https://example.test/c", prNumber: 7 } }],
      { dataSource: "gh" },
    );
    expect(result).toMatchObject({ outcome: "created", ignoredProperties: ["prNumber"] });
    const { entities } = await catalog.listEntities("githubRepository", { limit: 10, offset: 0 });
    expect(entities[0]?.properties).toEqual({ url: "https://example.test/c" });
  });

  it("offers as stale only unseen entities of its data source written before the resync started", async () => {
    await catalog.upsertEntities([repository("seen"), repository("gone")], { dataSource: "gh" });
    await catalog.upsertEntities([repository("other-source")], { dataSource: "another" });
    const { rows } = await database().query<{ now: Date }>("SELECT clock_timestamp() AS now");
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
    expect(deleted).toEqual({ deleted: [{ blueprint: "githubRepository", identifier: "a" }], refused: [] });
    expect(
      await catalog.deleteEntities([{ blueprint: "githubRepository", identifier: "b" }], "someone-else"),
    ).toEqual({ deleted: [], refused: [] });
    const page = await catalog.listEntities("githubRepository", { limit: 1, offset: 1 });
    expect(page.total).toBe(2);
    expect(page.entities.map((entity) => entity.identifier)).toEqual(["c"]);
    expect(await catalog.countEntities("gh")).toBe(2);
  });

  it("checks formats, relation shapes and required relations", async () => {
    const results = await catalog.upsertEntities(
      [
        repository("a", { url: "not a url" }),
        { ...repository("b"), relations: { organization: ["acme"] } },
        { ...repository("c"), blueprint: "githubTeamRepository", relations: { teams: ["core"] } },
        { ...repository("d"), blueprint: "githubTeamRepository", relations: { teams: "core" } },
        {
          ...repository("e"),
          blueprint: "githubTeamRepository",
          relations: { teams: ["core"], organization: "acme" },
        },
      ],
      { dataSource: "gh", createMissingRelatedEntities: true },
    );
    expect(results.map((result) => [result.outcome, result.error?.code])).toEqual([
      ["failed", "ENTITY_INVALID_PROPERTY"],
      ["failed", "ENTITY_INVALID_RELATION"],
      ["failed", "ENTITY_MISSING_REQUIRED"],
      ["failed", "ENTITY_INVALID_RELATION"],
      ["created", undefined],
    ]);
    expect(results[1]?.error?.message).toContain('set "many: true"');
  });

  it("refuses a relation to a missing entity unless createMissingRelatedEntities, which creates a stub", async () => {
    const refused = await catalog.upsertEntities(
      [{ ...repository("a"), relations: { organization: "ghost" } }],
      {
        dataSource: "gh",
        createMissingRelatedEntities: false,
      },
    );
    expect(refused[0]?.error?.code).toBe("ENTITY_RELATION_TARGET_MISSING");
    expect(refused[0]?.error?.message).toContain('"ghost" (githubOrganization)');
    expect((await catalog.listEntities("githubRepository", { limit: 10, offset: 0 })).total).toBe(0);

    const created = await catalog.upsertEntities(
      [{ ...repository("a"), relations: { organization: "ghost" } }],
      {
        dataSource: "gh",
        createMissingRelatedEntities: true,
      },
    );
    expect(created[0]?.outcome).toBe("created");
    const organizations = await catalog.listEntities("githubOrganization", { limit: 10, offset: 0 });
    expect(organizations.entities.map((entity) => [entity.identifier, entity.properties])).toEqual([
      ["acme", {}],
      ["ghost", {}],
    ]);
  });

  it("merges properties into the stored entity with merge, and replaces them without", async () => {
    await catalog.upsertEntities([repository("a", { stars: 5 })], { dataSource: "gh" });
    const merged = await catalog.upsertEntities(
      [{ ...repository("a"), properties: { visibility: "private" } }],
      { dataSource: "gh", merge: true },
    );
    expect(merged[0]?.outcome).toBe("updated");
    let [stored] = (await catalog.listEntities("githubRepository", { limit: 1, offset: 0 })).entities;
    expect(stored?.properties).toEqual({ url: "https://example.test/a", visibility: "private", stars: 5 });

    const again = await catalog.upsertEntities(
      [{ ...repository("a"), properties: { visibility: "private" } }],
      {
        dataSource: "gh",
        merge: true,
      },
    );
    expect(again[0]?.outcome).toBe("unchanged");

    await catalog.upsertEntities([{ ...repository("a"), properties: { visibility: "public" } }], {
      dataSource: "gh",
      merge: false,
    });
    [stored] = (await catalog.listEntities("githubRepository", { limit: 1, offset: 0 })).entities;
    expect(stored?.properties).toEqual({ visibility: "public" });
  });

  it("refuses to delete an entity others require unless deleteDependents, which deletes them too", async () => {
    await catalog.upsertEntities(
      [
        {
          ...repository("r"),
          blueprint: "githubTeamRepository",
          relations: { organization: "acme", teams: ["t1"] },
        },
        { ...repository("s"), blueprint: "githubTeamRepository", relations: { organization: "acme" } },
      ],
      { dataSource: "gh", createMissingRelatedEntities: true },
    );
    await catalog.upsertEntities(
      [{ identifier: "acme", blueprint: "githubOrganization", properties: {}, relations: {} }],
      {
        dataSource: "gh",
      },
    );
    const acme = { blueprint: "githubOrganization", identifier: "acme" };
    const refused = await catalog.deleteEntities([acme], "gh", { deleteDependents: false });
    expect(refused.deleted).toEqual([]);
    expect(refused.refused.map((refusal) => [refusal.key, refusal.error.code])).toEqual([
      [acme, "ENTITY_HAS_DEPENDENTS"],
    ]);

    const withDependents = await catalog.deleteEntities([acme], "gh", { deleteDependents: true });
    expect(withDependents.deleted).toEqual([
      acme,
      { blueprint: "githubTeamRepository", identifier: "r", dependentOf: acme },
      { blueprint: "githubTeamRepository", identifier: "s", dependentOf: acme },
    ]);
    expect((await catalog.listEntities("githubTeamRepository", { limit: 10, offset: 0 })).total).toBe(0);
    // A relation that is not required does not hold its target: the team stub stays deletable.
    const team = await catalog.deleteEntities([{ blueprint: "githubTeam", identifier: "t1" }], "gh");
    expect(team.deleted).toHaveLength(1);
  });

  it("writes a batch in a few statements, never touches an unchanged row, and compares without writing", async () => {
    const batch = Array.from({ length: 300 }, (_, index) => repository(`repo-${index}`));
    await catalog.upsertEntities(batch, { dataSource: "gh" });
    const versions = async () =>
      (
        await database().query<{ v: string }>(
          "SELECT string_agg(xmin::text, ',' ORDER BY identifier) AS v FROM entities",
        )
      ).rows[0]?.v;
    const before = await versions();
    const changedBatch = batch.map((entity, index) =>
      index === 7 ? repository(entity.identifier, { stars: 1 }) : entity,
    );
    const planned = await catalog.compareEntities([...changedBatch, repository("new")], { dataSource: "gh" });
    expect(planned.filter((result) => result.outcome === "unchanged")).toHaveLength(299);
    expect(
      planned
        .filter((result) => result.outcome !== "unchanged")
        .map((result) => [result.key.identifier, result.outcome]),
    ).toEqual([
      ["repo-7", "updated"],
      ["new", "created"],
    ]);
    expect(await versions()).toBe(before);
    const unchanged = await catalog.upsertEntities(batch, { dataSource: "gh", resyncId: "r1" });
    expect(unchanged.every((result) => result.outcome === "unchanged")).toBe(true);
    expect(await versions()).toBe(before);
  });

  it("applies a key repeated in one batch in order", async () => {
    const results = await catalog.upsertEntities(
      [repository("a"), repository("a", { stars: 2 }), repository("a", { stars: 2 })],
      {
        dataSource: "gh",
      },
    );
    expect(results.map((result) => result.outcome)).toEqual(["created", "updated", "unchanged"]);
  });

  it("keeps a refused entity of a resync out of the stale candidates", async () => {
    await catalog.upsertEntities([repository("kept"), repository("gone")], { dataSource: "gh" });
    // The start time comes back in milliseconds: let one pass so the rows are strictly older.
    await sleep(5);
    const { rows } = await database().query<{ now: Date }>("SELECT clock_timestamp() AS now");
    const startedAt = rows[0]?.now as Date;
    const results = await catalog.upsertEntities([repository("kept", { stars: "many" })], {
      dataSource: "gh",
      resyncId: "r2",
    });
    expect(results[0]?.outcome).toBe("failed");
    expect(await catalog.staleKeys("gh", "r2", startedAt)).toEqual([
      { blueprint: "githubRepository", identifier: "gone" },
    ]);
    await catalog.endResync("r2");
    expect(await catalog.staleKeys("gh", "r2", startedAt)).toHaveLength(2);
  });
});
