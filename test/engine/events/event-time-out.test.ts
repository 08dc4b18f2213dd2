import { beforeEach, describe, expect, it } from "vitest";
import { EventWorkerPool } from "../../../src/engine/events/event-worker-pool.js";
import { type InboxEntry, WebhookInbox } from "../../../src/engine/events/webhook-inbox.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";
import { pgliteDatabases, useTestDatabase } from "../../support/databases.js";

/** `max_event_processing_seconds`: an event that runs too long is abandoned, and its worker moves on. */
describe("event processing time-out", () => {
  const database = useTestDatabase(pgliteDatabases);
  let inbox: WebhookInbox;

  beforeEach(async () => {
    inbox = new WebhookInbox(database(), "gh");
  });

  it("records the abandoned event as failed with the reason, without retry, and frees the worker for its group", async () => {
    await inbox.append({ deliveryId: "stuck", name: "push", payload: {} }, "repo-1");
    await inbox.append({ deliveryId: "next", name: "push", payload: {} }, "repo-1");
    const applied: string[] = [];
    let stuckSignal: AbortSignal | undefined;
    const pool = new EventWorkerPool({
      inbox,
      workers: 1,
      logger: silentLogger(),
      pollIntervalMs: 20,
      maxProcessingSeconds: 0.2,
      async process(entry: InboxEntry, signal: AbortSignal) {
        if (entry.deliveryId === "stuck") {
          stuckSignal = signal;
          await new Promise(() => undefined); // a source that never answers
        }
        applied.push(entry.deliveryId);
      },
    });
    await pool.start();
    await pool.whenIdle();
    await pool.stop();
    expect(applied).toEqual(["next"]);
    expect(stuckSignal?.aborted).toBe(true);
    expect(await inbox.counts()).toEqual({ done: 1, failed: 1 });
    const stuck = (await inbox.recent(10)).find((delivery) => delivery.deliveryId === "stuck");
    expect(stuck).toMatchObject({ status: "failed", attempts: 1 });
    expect(stuck?.error).toBe("event push (delivery stuck) was still running after 0.2 s and was abandoned");
  });

  it("leaves events that finish in time alone", async () => {
    await inbox.append({ deliveryId: "quick", name: "push", payload: {} }, "repo-1");
    const pool = new EventWorkerPool({
      inbox,
      workers: 1,
      logger: silentLogger(),
      pollIntervalMs: 20,
      maxProcessingSeconds: 5,
      async process(_entry: InboxEntry, signal: AbortSignal) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(signal.aborted).toBe(false);
      },
    });
    await pool.start();
    await pool.whenIdle();
    await pool.stop();
    expect(await inbox.counts()).toEqual({ done: 1 });
  });
});
