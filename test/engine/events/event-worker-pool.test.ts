import { beforeEach, describe, expect, it } from "vitest";
import { EventWorkerPool } from "../../../src/engine/events/event-worker-pool.js";
import { type InboxEntry, WebhookInbox } from "../../../src/engine/events/webhook-inbox.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";
import { pgliteDatabases, useTestDatabase } from "../../support/databases.js";

describe("EventWorkerPool", () => {
  const database = useTestDatabase(pgliteDatabases);
  let inbox: WebhookInbox;

  beforeEach(async () => {
    inbox = new WebhookInbox(database(), "gh");
  });

  it("keeps each group in order while groups run in parallel", async () => {
    const groups = ["A", "B", "C", "D"];
    for (let index = 0; index < 40; index++) {
      const group = groups[index % groups.length] as string;
      await inbox.append({ deliveryId: `${group}-${index}`, name: "x", payload: { index } }, group);
    }
    const applied: Record<string, number[]> = {};
    let concurrent = 0;
    let maxConcurrent = 0;
    const inFlightGroups = new Set<string>();
    const pool = new EventWorkerPool({
      inbox,
      workers: 4,
      logger: silentLogger(),
      pollIntervalMs: 20,
      async process(entry: InboxEntry) {
        expect(inFlightGroups.has(entry.groupKey)).toBe(false);
        inFlightGroups.add(entry.groupKey);
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((resolve) => setTimeout(resolve, 5));
        applied[entry.groupKey] = [...(applied[entry.groupKey] ?? []), entry.payload.index as number];
        concurrent--;
        inFlightGroups.delete(entry.groupKey);
      },
    });
    await pool.start();
    await pool.whenIdle();
    await pool.stop();
    for (const [group, indexes] of Object.entries(applied)) {
      expect(indexes, `group ${group}`).toEqual([...indexes].sort((a, b) => a - b));
      expect(indexes).toHaveLength(10);
    }
    expect(maxConcurrent).toBeGreaterThan(1);
    expect(await inbox.counts()).toEqual({ done: 40 });
  });

  it("with one worker applies everything strictly one at a time, and retries a failure before recording it", async () => {
    for (let index = 0; index < 6; index++) {
      await inbox.append({ deliveryId: `d${index}`, name: "x", payload: { index } }, `g${index}`);
    }
    const order: number[] = [];
    let concurrent = 0;
    const pool = new EventWorkerPool({
      inbox,
      workers: 1,
      logger: silentLogger(),
      pollIntervalMs: 20,
      maxAttempts: 2,
      async process(entry) {
        concurrent++;
        expect(concurrent).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 2));
        concurrent--;
        order.push(entry.payload.index as number);
        if (entry.payload.index === 3) throw new Error("cannot apply");
      },
    });
    await pool.start();
    await pool.whenIdle();
    await pool.stop();
    // The failed event is retried once (after 1 s) while the others, in other groups, go on.
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 3]);
    expect(await inbox.counts()).toEqual({ done: 5, failed: 1 });
  });
});
