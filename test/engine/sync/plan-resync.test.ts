import { beforeEach, describe, expect, it } from "vitest";
import { LocalCatalog } from "../../../src/engine/catalog/local-catalog.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";
import { bindMapping } from "../../../src/engine/mapping/bind-mapping.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";
import { planResync } from "../../../src/engine/sync/plan-resync.js";
import { ResyncHistory } from "../../../src/engine/sync/resync-history.js";
import { runResync } from "../../../src/engine/sync/run-resync.js";
import { pgliteDatabases, useTestDatabase } from "../../support/databases.js";
import { FAKE_MAPPING, FakeIntegration, thing } from "../../support/fake-integration.js";

describe("planResync", () => {
  const database = useTestDatabase(pgliteDatabases);
  let catalog: LocalCatalog;
  let integration: FakeIntegration;

  beforeEach(async () => {
    catalog = new LocalCatalog(database());
    integration = new FakeIntegration();
    await catalog.ensureBlueprints(integration.defaultBlueprints());
  });

  const mapping = () => bindMapping(parsePortAppConfig(FAKE_MAPPING), integration);
  const rowVersions = async () =>
    (
      await database().query<{ v: string | null }>(
        "SELECT string_agg(identifier || ':' || xmin::text, ',' ORDER BY identifier) AS v FROM entities",
      )
    ).rows[0]?.v;

  it("tells what a resync would create, update and delete, and writes nothing", async () => {
    integration.things = [thing("a"), thing("b"), thing("c")];
    await runResync({
      mapping: mapping(),
      catalog,
      history: new ResyncHistory(database()),
      dataSource: "fake",
      trigger: "test",
      logger: silentLogger(),
    });
    const before = await rowVersions();
    integration.things = [thing("a"), thing("b", { size: 2 }), thing("d"), thing("e", { size: "big" })];
    const plan = await planResync({ mapping: mapping(), catalog, dataSource: "fake" });
    expect(plan.kinds.thing).toEqual({
      seen: 4,
      create: 1,
      update: 1,
      unchanged: 1,
      failed: 1,
      filteredOut: 0,
      dropped: 0,
      delete: 1,
    });
    expect(plan.samples.create).toEqual([{ blueprint: "thing", identifier: "d" }]);
    expect(plan.samples.update).toEqual([{ blueprint: "thing", identifier: "b" }]);
    expect(plan.samples.delete).toEqual([{ blueprint: "thing", identifier: "c" }]);
    expect(plan.samples.failed[0]).toMatchObject({ identifier: "e", code: "ENTITY_INVALID_PROPERTY" });
    expect(plan.deletion.allowed).toBe(true);
    expect(await rowVersions()).toBe(before);
    const { rows } = await database().query("SELECT * FROM resync_seen");
    expect(rows).toEqual([]);
  });

  it("plans no deletion when a kind fails, as a resync would", async () => {
    integration.things = [thing("a"), thing("b"), thing("c")];
    integration.failAfterPages = 1;
    const plan = await planResync({ mapping: mapping(), catalog, dataSource: "fake" });
    expect(plan.errors.map((error) => error.code)).toEqual(["FAKE_SOURCE_FAILED"]);
    expect(plan.deletion.allowed).toBe(false);
    expect(plan.kinds.thing?.create).toBe(2);
  });
});
