/**
 * Missed-delivery recovery end to end: Portolan (embedded catalog on disk) registers its webhook against
 * the simulator; deliveries are switched off and changes are made through the control API. Stopped and
 * started again on the same data and port, the start-up set-up redelivers what it missed, which the
 * catalog then shows; while it runs, the periodic check does the same without a restart. Misses older
 * than GitHub's redelivery window are resynced, and a check never spends the quota kept for live events.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningPortolan } from "../../../src/cli/start-portolan.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { type RestartablePortolan, restartablePortolan } from "../../support/restartable-portolan.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { waitFor } from "../../support/wait-for.js";

let sim: RunningSimulator;
let portolan: RestartablePortolan;

/** A control call that must succeed; returns once its deliveries were attempted. */
const control = (method: string, path: string, body?: unknown) =>
  controlSimulator(sim, method, path, body, { whenIdle: true });

/** Requests the simulator served for the hooks' delivery lists. */
function deliveryListings(): number {
  return Object.entries(sim.requestLog.summary().byEndpoint)
    .filter(([endpoint]) => endpoint.startsWith("GET ") && endpoint.endsWith("/deliveries"))
    .reduce((sum, [, count]) => sum + count, 0);
}

async function repositories(running: RunningPortolan): Promise<string[]> {
  const keys = await running.catalog.ownedKeys("recovery-test");
  return keys.filter((key) => key.blueprint === "githubRepository").map((key) => key.identifier);
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 8, logger: false });
  portolan = await restartablePortolan({
    simulator: sim,
    identifier: "recovery-test",
    account: sim.organization,
  });
});
afterEach(() => portolan.stop());
afterAll(async () => {
  await portolan?.dispose();
  await sim.close();
});

describe("missed webhook deliveries", () => {
  it("are redelivered at start, once, and the catalog shows the changes made while Portolan was down", async () => {
    const first = await portolan.start();
    expect(first.registrations).toEqual([expect.objectContaining({ status: "created" })]);
    expect(first.recovery).toMatchObject({ hooksChecked: 1, redelivered: 0 });
    await control("POST", `/orgs/${sim.organization}/repos`, { name: "before-downtime" });
    await first.running.dataSource.whenEventsIdle();
    expect(await repositories(first.running)).toEqual(["before-downtime"]);

    // Down: the simulator cannot reach Portolan while these changes happen.
    await control("POST", "/webhooks/delivery", { enabled: false });
    await control("POST", `/orgs/${sim.organization}/repos`, { name: "during-downtime" });
    await control("POST", `/orgs/${sim.organization}/repos`, { name: "also-during-downtime" });
    await control("DELETE", `/repos/${sim.organization}/before-downtime`);
    await portolan.stop();
    await control("POST", "/webhooks/delivery", { enabled: true });
    // Deliveries while Portolan is stopped fail on their own (connection refused).
    await control("POST", `/orgs/${sim.organization}/repos`, { name: "while-stopped" });

    const second = await portolan.start();
    expect(second.registrations).toEqual([expect.objectContaining({ status: "unchanged" })]);
    expect(second.recovery).toMatchObject({ redelivered: 4, deferred: 0, unrecoverable: [] });
    expect((await repositories(second.running)).sort()).toEqual(
      ["also-during-downtime", "during-downtime", "while-stopped"].sort(),
    );
    const redeliveries = sim.state.deliveries().filter((delivery) => delivery.redelivery);
    expect(redeliveries.map((delivery) => delivery.statusCode)).toEqual([202, 202, 202, 202]);

    // Idempotent: the next check finds nothing left to recover.
    const again = await second.running.dataSource.checkMissedDeliveries("start");
    expect(again).toMatchObject({ hooksChecked: 1, redelivered: 0, unrecoverable: [] });
    expect(sim.state.deliveries().filter((delivery) => delivery.redelivery)).toHaveLength(4);
  });

  it("resyncs what GitHub no longer redelivers", async () => {
    const running = (await portolan.start()).running;
    await control("POST", "/webhooks/delivery", { enabled: false });
    await control("POST", `/orgs/${sim.organization}/repos`, { name: "missed-long-ago" });
    await control("POST", "/webhooks/delivery", { enabled: true, redelivery_window_seconds: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const recovery = await running.dataSource.checkMissedDeliveries("start");
    expect(recovery).toMatchObject({
      redelivered: 0,
      unrecoverable: ["repository.created"],
      needsResync: true,
    });
    await running.dataSource.resyncs.settle();
    const [resync] = await running.dataSource.history.list("recovery-test", 1);
    expect(resync).toMatchObject({ trigger: "missed-deliveries", status: "completed" });
    expect(await repositories(running)).toContain("missed-long-ago");
  });

  it("while running, redelivers a delivery GitHub could not bring, without a restart", async () => {
    await control("POST", "/webhooks/delivery", { enabled: true, redelivery_window_seconds: 3 * 24 * 3600 });
    const { running, recovery } = await portolan.start({ recoveryIntervalSeconds: 1 });
    expect(recovery).toMatchObject({ hooksChecked: 1 });
    // GitHub cannot reach the running server for a while.
    const earlier = sim.state.deliveries().length;
    await control("POST", "/webhooks/delivery", { enabled: false });
    await control("POST", `/orgs/${sim.organization}/repos`, { name: "missed-while-up" });
    await control("POST", "/webhooks/delivery", { enabled: true });
    const [missed] = sim.state.deliveries().slice(earlier);
    expect(missed).toMatchObject({ event: "repository", action: "created", statusCode: null });

    // Deliveries settle for 20 s before a periodic check takes them up.
    await waitFor(
      "the periodic check to redeliver the miss and the catalog to show it",
      async () => {
        await running.dataSource.whenEventsIdle();
        return (await repositories(running)).includes("missed-while-up") ? true : undefined;
      },
      120_000,
    );
    const attempts = sim.state.deliveries().filter((delivery) => delivery.id === missed?.id);
    expect(attempts.map((attempt) => [attempt.redelivery, attempt.statusCode])).toEqual([
      [false, null],
      [true, 202],
    ]);
  }, 180_000);

  it("skips a check while the core rate limit is kept for live events", async () => {
    // A threshold of 0 % keeps the whole quota for live events as soon as GitHub reports it.
    const { recovery } = await portolan.start({ config: { resyncRatelimitReservationThreshold: 0 } });
    const listingsBefore = deliveryListings();
    expect(recovery).toMatchObject({ hooksChecked: 0, hooksSkipped: 1, redelivered: 0 });
    const later = await portolan.current()?.dataSource.checkMissedDeliveries("interval");
    expect(later).toMatchObject({ hooksChecked: 0, hooksSkipped: 1 });
    expect(deliveryListings()).toBe(listingsBefore);
  });
});
