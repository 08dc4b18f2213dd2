import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocalCatalog } from "../../../src/engine/catalog/local-catalog.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";
import { bindMapping } from "../../../src/engine/mapping/bind-mapping.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";
import { RawExamples } from "../../../src/engine/sync/raw-examples.js";
import { ResyncCoordinator } from "../../../src/engine/sync/resync-coordinator.js";
import { ResyncHistory } from "../../../src/engine/sync/resync-history.js";
import { SyncCursors } from "../../../src/engine/sync/sync-cursors.js";
import { databaseFactories, type TestDatabase } from "../../support/databases.js";
import { FAKE_MAPPING, FakeIntegration, thing } from "../../support/fake-integration.js";

const postgres = databaseFactories.find((factory) => factory.name === "postgres");

describe("ResyncCoordinator", () => {
  let store: TestDatabase;
  let history: ResyncHistory;

  function coordinator(integration: FakeIntegration, maxResyncMilliseconds?: number): ResyncCoordinator {
    const mapping = bindMapping(parsePortAppConfig(FAKE_MAPPING), integration);
    return new ResyncCoordinator({
      mapping: () => mapping,
      catalog: new LocalCatalog(store.database),
      history,
      dataSource: "fake",
      logger: silentLogger(),
      tryLock: (name) => store.database.tryLock(name),
      rawExamples: new RawExamples(store.database, "fake"),
      keepRawExamples: true,
      cursors: new SyncCursors(store.database, "fake"),
      ...(maxResyncMilliseconds === undefined ? {} : { maxResyncMilliseconds }),
    });
  }

  beforeEach(async () => {
    if (!postgres) throw new Error("no postgres factory");
    store = await postgres.create();
    history = new ResyncHistory(store.database);
    const integration = new FakeIntegration();
    await new LocalCatalog(store.database).ensureBlueprints(integration.defaultBlueprints());
  });
  afterEach(async () => {
    await store.dispose();
  });

  it("skips and records a resync that another replica runs on the shared PostgreSQL", async () => {
    const integration = new FakeIntegration();
    integration.things = [thing("a")];
    // Another replica: its own session holds the data source's advisory lock.
    const otherReplica = await store.database.tryLock("portolan:resync:fake");
    expect(otherReplica).toBeDefined();
    const outcome = await coordinator(integration).request("schedule");
    expect(outcome.started).toBe(false);
    const [skipped] = await history.list("fake");
    expect(skipped?.status).toBe("skipped");
    expect((skipped as unknown as { reason: string }).reason).toContain("another Portolan replica");

    await otherReplica?.();
    const next = await coordinator(integration).request("schedule");
    expect(next.started).toBe(true);
    if (next.started) expect((await next.summary).status).toBe("completed");
  });

  it("closes a resync its process left running (a crash) as failed when the next one starts", async () => {
    const integration = new FakeIntegration();
    integration.things = [thing("a")];
    // A process that died mid-resync: its row says running, its lock went with its connection.
    const dead = await history.start("fake", "schedule");
    const outcome = await coordinator(integration).request("api");
    expect(outcome.started).toBe(true);
    if (outcome.started) expect((await outcome.summary).status).toBe("completed");
    const closed = (await history.list("fake")).find((resync) => resync.id === dead.id);
    expect(closed?.status).toBe("failed");
    expect(closed?.finishedAt).toBeDefined();
    expect(closed?.errors).toEqual([expect.objectContaining({ code: "RESYNC_INTERRUPTED" })]);
    expect((await history.list("fake")).filter((resync) => resync.status === "running")).toEqual([]);
  });

  it("skips a second request while its own resync runs, then releases the lock", async () => {
    const integration = new FakeIntegration();
    integration.things = [thing("a"), thing("b"), thing("c")];
    const resyncs = coordinator(integration);
    const [first, second] = await Promise.all([resyncs.request("api"), resyncs.request("schedule")]);
    expect(first.started).toBe(true);
    expect(second.started).toBe(false);
    if (first.started) await first.summary;
    const release = await store.database.tryLock("portolan:resync:fake");
    expect(release).toBeDefined();
    await release?.();
  });

  it("starts one resync every scheduledResyncInterval and records a tick due while it runs as skipped", async () => {
    const integration = new FakeIntegration();
    integration.things = [thing("a"), thing("b")];
    const resyncs = coordinator(integration);
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      resyncs.schedule(60);
      vi.advanceTimersByTime(59 * 60_000);
      expect(resyncs.isRunning()).toBe(false);
      vi.advanceTimersByTime(60_000);
      expect(resyncs.isRunning()).toBe(true);
      vi.advanceTimersByTime(60 * 60_000);
      resyncs.unschedule();
    } finally {
      vi.useRealTimers();
    }
    for (let attempt = 0; attempt < 200 && resyncs.isRunning(); attempt++) await sleep(50);
    await sleep(100);
    const statuses = (await history.list("fake")).map((resync) => [resync.trigger, resync.status]);
    expect(statuses.sort()).toEqual([
      ["schedule", "completed"],
      ["schedule", "skipped"],
    ]);
  });

  it("stops a resync that outlives its time limit: failed, nothing deleted, and the next one runs", async () => {
    const integration = new FakeIntegration();
    integration.things = [thing("a"), thing("b"), thing("c"), thing("d"), thing("e"), thing("f")];
    const first = await coordinator(integration).request("api");
    if (!first.started) throw new Error("the first resync did not start");
    expect((await first.summary).status).toBe("completed");

    // A source so slow that the 300 ms limit ends the resync after its first page: "a" and "b" are
    // seen again, the rest is not, and yet nothing may be deleted.
    integration.pageDelayMilliseconds = 2_000;
    const resyncs = coordinator(integration, 300);
    const slow = await resyncs.request("schedule");
    if (!slow.started) throw new Error("the slow resync did not start");
    const stopped = await slow.summary;
    expect(stopped.status).toBe("failed");
    expect(stopped.errors).toEqual([
      expect.objectContaining({
        kind: "thing",
        code: "RESYNC_TIME_LIMIT",
        message: expect.stringContaining("300 ms"),
      }),
    ]);
    expect(stopped.deletion.performed).toBe(false);
    expect(await new LocalCatalog(store.database).countEntities("fake")).toBe(6);

    integration.pageDelayMilliseconds = undefined;
    const next = await resyncs.request("schedule");
    if (!next.started) throw new Error("the resync after the stopped one did not start");
    expect((await next.summary).status).toBe("completed");
  });
});
