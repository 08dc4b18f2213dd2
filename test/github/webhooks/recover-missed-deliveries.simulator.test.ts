/**
 * `recoverMissedDeliveries` against the simulator's deliveries API: the first check only sets the mark
 * (or, told when the data source started, redelivers what was missed since),
 * misses are redelivered oldest first and at most `maxRedeliveries` at a time (the mark waits before the
 * rest), answered events and events already in the inbox are left alone; the mark is kept under the key
 * given (the hook's id), taking over one kept under the hook's path.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GitHubClient } from "../../../src/github/client/github-client.js";
import {
  type DeliveryLedger,
  type DeliveryMark,
  recoverMissedDeliveries,
} from "../../../src/github/webhooks/recover-missed-deliveries.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import type { Receiver } from "../../simulator/support/simulator-http.js";
import { startReceiver } from "../../simulator/support/simulator-http.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { silentLogger } from "../fake-github.js";

let sim: RunningSimulator;
let receiver: Receiver;
let client: GitHubClient;
let hookPath: string;

/** The engine's part, in memory: marks per hook, and the delivery ids "in the inbox". */
function memoryLedger(inbox: Set<string>): DeliveryLedger & { marks: Map<string, DeliveryMark> } {
  const marks = new Map<string, DeliveryMark>();
  return {
    marks,
    mark: async (hook) => marks.get(hook),
    setMark: async (hook, at) => {
      marks.set(hook, at);
    },
    received: async (guids) => new Set(guids.filter((guid) => inbox.has(guid))),
  };
}

/** A POST to the control API, once the deliveries it caused were attempted; answers their ids. */
async function control(path: string, body: unknown): Promise<string[]> {
  const answer = await controlSimulator<{ deliveries?: string[] }>(sim, "POST", path, body, {
    whenIdle: true,
  });
  return answer.deliveries ?? [];
}

const createRepository = (name: string) => control(`/orgs/${sim.organization}/repos`, { name });

beforeAll(async () => {
  sim = await startSimulator({ seed: 9, logger: false });
  receiver = await startReceiver();
  client = GitHubClient.create({
    baseUrl: sim.url,
    credential: { type: "token", token: sim.adminToken },
    logger: silentLogger,
  });
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});
beforeEach(async () => {
  const hooks = `/orgs/${sim.organization}/hooks`;
  if (hookPath) await client.request(`DELETE ${hookPath}`, {}, { purpose: "test" });
  const hook = await client.get<{ id: number }>(
    `POST ${hooks}`,
    {},
    {
      purpose: "test",
      body: { events: ["repository"], config: { url: receiver.url, content_type: "json" } },
    },
  );
  hookPath = `${hooks}/${hook.id}`;
  await sim.whenIdle();
  receiver.received.length = 0;
});

describe("recoverMissedDeliveries", () => {
  it("sets the mark on the first check without redelivering, then redelivers only misses", async () => {
    const inbox = new Set<string>();
    const ledger = memoryLedger(inbox);
    await control("/webhooks/delivery", { enabled: false });
    await createRepository("missed-before-first-check");
    await control("/webhooks/delivery", { enabled: true });
    const first = await recoverMissedDeliveries(client, hookPath, { ledger, logger: silentLogger });
    expect(first).toMatchObject({ scanned: 0, redelivered: 0 });
    expect(ledger.marks.get(hookPath)).toEqual({
      attemptId: expect.any(Number),
      deliveredAt: expect.any(String),
    });

    const [answered] = await createRepository("answered");
    await control("/webhooks/delivery", { enabled: false });
    const [inInbox] = await createRepository("failed-but-received");
    const [missed] = await createRepository("missed");
    await control("/webhooks/delivery", { enabled: true });
    inbox.add(String(inInbox));
    receiver.received.length = 0;

    const second = await recoverMissedDeliveries(client, hookPath, { ledger, logger: silentLogger });
    expect(second).toMatchObject({ redelivered: 1, deferred: 0, unrecoverable: [] });
    await sim.whenIdle();
    expect(receiver.received.map((delivery) => delivery.headers["x-github-delivery"])).toEqual([missed]);
    expect(answered).toEqual(expect.any(String));
  });

  it("on a hook's first check, redelivers what was missed since the data source started", async () => {
    const startedAt = Date.now();
    await control("/webhooks/delivery", { enabled: false });
    const [missed] = await createRepository("missed-before-the-mark");
    await control("/webhooks/delivery", { enabled: true });
    receiver.received.length = 0;

    // Started an hour after the miss: the start's resync read that repository, nothing to redeliver.
    const laterStart = memoryLedger(new Set());
    const covered = await recoverMissedDeliveries(client, hookPath, {
      ledger: laterStart,
      unmarkedSince: startedAt + 3_600_000,
      logger: silentLogger,
    });
    expect(covered).toMatchObject({ scanned: 0, redelivered: 0 });

    const ledger = memoryLedger(new Set());
    const first = await recoverMissedDeliveries(client, hookPath, {
      ledger,
      unmarkedSince: startedAt,
      logger: silentLogger,
    });
    expect(first).toMatchObject({ redelivered: 1, unrecoverable: [] });
    await sim.whenIdle();
    expect(receiver.received.map((delivery) => delivery.headers["x-github-delivery"])).toEqual([missed]);
    expect(ledger.marks.get(hookPath)).toEqual(laterStart.marks.get(hookPath));
  });

  it("keeps the mark under markKey, taking over one kept under the hook's path by an earlier version", async () => {
    const markKey = "hook under its id";
    // An earlier version kept the mark by the hook's path.
    const ledger = memoryLedger(new Set());
    await recoverMissedDeliveries(client, hookPath, { ledger, logger: silentLogger });
    const formerMark = ledger.marks.get(hookPath);
    expect(formerMark).toBeDefined();

    await control("/webhooks/delivery", { enabled: false });
    const [missed] = await createRepository("missed-across-the-upgrade");
    await control("/webhooks/delivery", { enabled: true });
    receiver.received.length = 0;
    const upgraded = await recoverMissedDeliveries(client, hookPath, {
      ledger,
      markKey,
      logger: silentLogger,
    });
    expect(upgraded).toMatchObject({ redelivered: 1 });
    await sim.whenIdle();
    expect(receiver.received.map((delivery) => delivery.headers["x-github-delivery"])).toEqual([missed]);
    expect(ledger.marks.get(markKey)?.attemptId).toBeGreaterThan(formerMark?.attemptId ?? 0);
    expect(ledger.marks.get(hookPath)).toEqual(formerMark);

    // Nothing new (once the redelivery's own attempt is passed): a mark taken over still moves to its key.
    await recoverMissedDeliveries(client, hookPath, { ledger, markKey, logger: silentLogger });
    const quiet = memoryLedger(new Set());
    quiet.marks.set(hookPath, ledger.marks.get(markKey) as DeliveryMark);
    expect(
      await recoverMissedDeliveries(client, hookPath, { ledger: quiet, markKey, logger: silentLogger }),
    ).toMatchObject({
      scanned: 0,
      redelivered: 0,
    });
    expect(quiet.marks.get(markKey)).toEqual(ledger.marks.get(markKey));
  });

  it("redelivers at most maxRedeliveries, oldest first, and resumes there next time", async () => {
    const ledger = memoryLedger(new Set());
    await recoverMissedDeliveries(client, hookPath, { ledger, logger: silentLogger });
    await control("/webhooks/delivery", { enabled: false });
    const missed: string[] = [];
    for (const name of ["first", "second", "third"])
      missed.push(...(await createRepository(`bounded-${name}`)));
    await control("/webhooks/delivery", { enabled: true });
    receiver.received.length = 0;

    const bounded = await recoverMissedDeliveries(client, hookPath, {
      ledger,
      maxRedeliveries: 2,
      logger: silentLogger,
    });
    expect(bounded).toMatchObject({ redelivered: 2, deferred: 1 });
    const rest = await recoverMissedDeliveries(client, hookPath, {
      ledger,
      maxRedeliveries: 2,
      logger: silentLogger,
    });
    expect(rest).toMatchObject({ redelivered: 1, deferred: 0 });
    await sim.whenIdle();
    expect(receiver.received.map((delivery) => delivery.headers["x-github-delivery"])).toEqual(missed);
  });

  it("leaves attempts younger than settleSeconds for a later run, and the mark before them", async () => {
    const ledger = memoryLedger(new Set());
    await recoverMissedDeliveries(client, hookPath, { ledger, logger: silentLogger });
    const markBefore = ledger.marks.get(hookPath);
    await control("/webhooks/delivery", { enabled: false });
    const [young] = await createRepository("young-miss");
    await control("/webhooks/delivery", { enabled: true });
    receiver.received.length = 0;

    const early = await recoverMissedDeliveries(client, hookPath, {
      ledger,
      settleSeconds: 3600,
      logger: silentLogger,
    });
    expect(early).toMatchObject({ scanned: 0, redelivered: 0 });
    expect(ledger.marks.get(hookPath)).toEqual(markBefore);
    const settled = await recoverMissedDeliveries(client, hookPath, { ledger, logger: silentLogger });
    expect(settled).toMatchObject({ redelivered: 1 });
    await sim.whenIdle();
    expect(receiver.received.map((delivery) => delivery.headers["x-github-delivery"])).toEqual([young]);
  });
});
