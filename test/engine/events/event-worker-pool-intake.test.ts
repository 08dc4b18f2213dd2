import { describe, expect, it } from "vitest";
import { EventWorkerPool } from "../../../src/engine/events/event-worker-pool.js";
import { WebhookInbox } from "../../../src/engine/events/webhook-inbox.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";
import { databaseFactories } from "../../support/databases.js";

describe("EventWorkerPool yielding to a busy intake", () => {
  it("still applies every event, each group in order, while the intake never stops being busy", async () => {
    const [pglite] = databaseFactories;
    if (!pglite) throw new Error("no pglite factory");
    const store = await pglite.create();
    try {
      const inbox = new WebhookInbox(store.database, "gh");
      await Promise.all(
        Array.from({ length: 24 }, (_, index) =>
          inbox.append({ deliveryId: `e${index}`, name: "x", payload: { index } }, `G${index % 3}`),
        ),
      );
      const applied: Record<string, number[]> = {};
      let rests = 0;
      const pool = new EventWorkerPool({
        inbox,
        workers: 3,
        logger: silentLogger(),
        pollIntervalMs: 20,
        intakeIsBusy: () => {
          rests++;
          return true;
        },
        async process(entry) {
          applied[entry.groupKey] = [...(applied[entry.groupKey] ?? []), entry.payload.index as number];
        },
      });
      await pool.start();
      await pool.whenIdle();
      await pool.stop();
      expect(applied).toEqual({
        G0: [0, 3, 6, 9, 12, 15, 18, 21],
        G1: [1, 4, 7, 10, 13, 16, 19, 22],
        G2: [2, 5, 8, 11, 14, 17, 20, 23],
      });
      // Asked after each of the 24 events.
      expect(rests).toBe(24);
    } finally {
      await store.dispose();
    }
  });
});
