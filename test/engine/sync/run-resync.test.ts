import { beforeEach, describe, expect, it } from "vitest";
import { LocalCatalog } from "../../../src/engine/catalog/local-catalog.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";
import { bindMapping } from "../../../src/engine/mapping/bind-mapping.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";
import { ResyncHistory } from "../../../src/engine/sync/resync-history.js";
import type { ResyncSummary } from "../../../src/engine/sync/resync-summary.js";
import { runResync } from "../../../src/engine/sync/run-resync.js";
import { pgliteDatabases, useTestDatabase } from "../../support/databases.js";
import { FAKE_MAPPING, FakeIntegration, thing } from "../../support/fake-integration.js";

describe("runResync", () => {
  const database = useTestDatabase(pgliteDatabases);
  let catalog: LocalCatalog;
  let history: ResyncHistory;
  let integration: FakeIntegration;

  beforeEach(async () => {
    catalog = new LocalCatalog(database());
    history = new ResyncHistory(database());
    integration = new FakeIntegration();
    await catalog.ensureBlueprints(integration.defaultBlueprints());
  });

  function resync(mappingText = FAKE_MAPPING, onProgress?: (summary: ResyncSummary) => void) {
    const mapping = bindMapping(parsePortAppConfig(mappingText), integration);
    return runResync({
      mapping,
      catalog,
      history,
      dataSource: "fake",
      trigger: "test",
      logger: silentLogger(),
      ...(onProgress ? { onProgress } : {}),
    });
  }

  async function identifiers(): Promise<string[]> {
    const { entities } = await catalog.listEntities("thing", { limit: 100, offset: 0 });
    return entities.map((entity) => entity.identifier);
  }

  it("streams every page through the mapping into the catalog and counts per kind", async () => {
    integration.things = [
      thing("a"),
      thing("b"),
      thing("c", { hidden: true }),
      thing("d", { size: "big" }),
      thing(""),
    ];
    const summary = await resync();
    expect(summary.status).toBe("completed");
    expect(summary.kinds.thing).toEqual({
      seen: 5,
      upserted: 2,
      unchanged: 0,
      filteredOut: 1,
      dropped: 1,
      failed: 1,
      deleted: 0,
    });
    expect(summary.entityFailures).toEqual([
      {
        kind: "thing",
        blueprint: "thing",
        identifier: "d",
        code: "ENTITY_INVALID_PROPERTY",
        message: expect.stringContaining('property "size": expected number'),
      },
    ]);
    expect(await identifiers()).toEqual(["a", "b"]);
    const again = await resync();
    expect(again.kinds.thing?.unchanged).toBe(2);
    expect(again.kinds.thing?.upserted).toBe(0);
  });

  it("deletes what the source no longer has, with the reason recorded", async () => {
    integration.things = [thing("a"), thing("b"), thing("c")];
    await resync();
    integration.things = [thing("a"), thing("b")];
    const summary = await resync();
    expect(summary.deletions).toEqual([
      { blueprint: "thing", identifier: "c", reason: expect.stringContaining("not returned by the source") },
    ]);
    expect(summary.kinds.thing?.deleted).toBe(1);
    expect(await identifiers()).toEqual(["a", "b"]);
    const [latest] = await history.list("fake");
    expect(latest?.deletions).toHaveLength(1);
    expect(latest?.status).toBe("completed");
  });

  it("deletes nothing when a kind failed, and keeps what was already written", async () => {
    integration.things = [thing("a"), thing("b"), thing("c"), thing("d")];
    await resync();
    integration.things = [thing("a"), thing("b"), thing("e")];
    integration.failAfterPages = 1;
    const summary = await resync();
    expect(summary.status).toBe("failed");
    expect(summary.errors).toEqual([
      {
        kind: "thing",
        resourceIndex: 0,
        code: "FAKE_SOURCE_FAILED",
        message: "the source failed mid-listing",
      },
    ]);
    expect(summary.deletion.performed).toBe(false);
    expect(await identifiers()).toEqual(["a", "b", "c", "d"]);
  });

  it("deletes nothing above the deletion threshold", async () => {
    integration.things = [thing("a"), thing("b"), thing("c"), thing("d")];
    await resync();
    integration.things = [thing("a")];
    const summary = await resync(`entityDeletionThreshold: 0.5\n${FAKE_MAPPING}`);
    expect(summary.deletion.performed).toBe(false);
    expect(summary.deletion.reason).toContain("75.0 %");
    expect(await identifiers()).toEqual(["a", "b", "c", "d"]);
  });

  it("never deletes an entity a live event wrote after the resync started", async () => {
    integration.things = [thing("a")];
    await resync();
    integration.things = [];
    const summaryPromise = resync(`entityDeletionThreshold: 1\n${FAKE_MAPPING}`, (progress) => {
      // The first progress report comes right after the start is recorded: a live event lands now.
      if (progress.status === "running" && Object.keys(progress.kinds).length === 0) {
        void catalog.upsertEntities(
          [{ identifier: "live", blueprint: "thing", properties: {}, relations: {} }],
          {
            dataSource: "fake",
          },
        );
      }
    });
    const summary = await summaryPromise;
    expect(summary.deletions.map((deletion) => deletion.identifier)).toEqual(["a"]);
    expect(await identifiers()).toEqual(["live"]);
  });

  it("records a non-boolean selector as an error that blocks deletion", async () => {
    integration.things = [thing("a")];
    const summary = await resync(FAKE_MAPPING.replace("'.hidden != true'", "'.name'"));
    expect(summary.errors[0]?.code).toBe("SELECTOR_NOT_BOOLEAN");
    expect(summary.errors[0]?.message).toContain('gave "Thing a"');
    expect(summary.deletion.performed).toBe(false);
  });

  describe("with a blueprint that requires a thing", () => {
    const PARTS_MAPPING = `${FAKE_MAPPING.replace("'.hidden != true'", "'.parent == null'")}
  - kind: thing
    selector:
      query: '.parent != null'
    port:
      entity:
        mappings:
          identifier: .id
          blueprint: '"part"'
          relations:
            thing: .parent
`;
    const config = (deleteDependents: boolean, createMissing: boolean) =>
      `createMissingRelatedEntities: ${createMissing}\ndeleteDependentEntities: ${deleteDependents}\nentityDeletionThreshold: 1\n${PARTS_MAPPING}`;

    beforeEach(async () => {
      await catalog.ensureBlueprints([
        {
          identifier: "part",
          schema: { properties: {} },
          relations: { thing: { target: "thing", required: true, many: false } },
        },
      ]);
      integration.things = [thing("a"), thing("b"), { id: "p1", parent: "a" }, { id: "p2", parent: "b" }];
      await resync(config(true, false));
      integration.things = [thing("b"), { id: "p1", parent: "a" }, { id: "p2", parent: "b" }];
    });

    async function parts(): Promise<string[]> {
      const { entities } = await catalog.listEntities("part", { limit: 100, offset: 0 });
      return entities.map((entity) => entity.identifier);
    }

    it("deletes a stale entity's dependents with deleteDependentEntities, saying why", async () => {
      const summary = await resync(config(true, false));
      expect(summary.deletions).toEqual([
        {
          blueprint: "thing",
          identifier: "a",
          reason: expect.stringContaining("not returned by the source"),
        },
        {
          blueprint: "part",
          identifier: "p1",
          reason: expect.stringContaining('its required relation points at "a" (thing)'),
        },
      ]);
      expect(await identifiers()).toEqual(["b"]);
      expect(await parts()).toEqual(["p2"]);
    });

    it("keeps a stale entity others require without deleteDependentEntities, and records it", async () => {
      const summary = await resync(config(false, false));
      expect(summary.deletions).toEqual([]);
      expect(summary.refusedDeletions).toEqual([
        { blueprint: "thing", identifier: "a", reason: expect.stringContaining("ENTITY_HAS_DEPENDENTS") },
      ]);
      expect(await identifiers()).toEqual(["a", "b"]);
    });

    it("keeps a stale entity that a synced entity points at with createMissingRelatedEntities", async () => {
      const summary = await resync(config(true, true));
      expect(summary.deletion.reason).toBe("nothing stale");
      expect(await identifiers()).toEqual(["a", "b"]);
      expect(await parts()).toEqual(["p1", "p2"]);
    });
  });
});
