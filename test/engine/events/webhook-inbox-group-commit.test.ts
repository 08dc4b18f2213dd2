import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebhookInbox } from "../../../src/engine/events/webhook-inbox.js";
import type { Database, Queryable, SqlParameter } from "../../../src/engine/store/database.js";
import { databaseFactories, type TestDatabase } from "../../support/databases.js";

function event(deliveryId: string) {
  return { deliveryId, name: "repository", payload: { id: deliveryId, text: 'quote " and \\ backslash' } };
}

/** The store, counting the INSERT statements sent to it (through either lane). */
function countingInserts(database: Database): { database: Database; inserts: () => number } {
  let inserts = 0;
  const counting = (lane: Queryable): Queryable => ({
    query<Row extends Record<string, unknown>>(sql: string, parameters?: readonly SqlParameter[]) {
      if (sql.trimStart().startsWith("INSERT INTO webhook_inbox")) inserts++;
      return lane.query<Row>(sql, parameters);
    },
  });
  const counted: Database = Object.create(database) as Database;
  counted.query = counting(database).query;
  Object.defineProperty(counted, "priority", { value: counting(database.priority) });
  return { database: counted, inserts: () => inserts };
}

async function storedIds(database: Database): Promise<string[]> {
  const { rows } = await database.query<{ delivery_id: string }>(
    "SELECT delivery_id FROM webhook_inbox ORDER BY sequence",
  );
  return rows.map((row) => row.delivery_id);
}

describe.each(databaseFactories)("WebhookInbox group commit on $name", (factory) => {
  let store: TestDatabase;

  beforeEach(async () => {
    store = await factory.create();
  });
  afterEach(async () => {
    await store.dispose();
  });

  it("answers each of many concurrent appends, duplicates included, stores each delivery once and in arrival order", async () => {
    const { database, inserts } = countingInserts(store.database);
    const inbox = new WebhookInbox(database, "gh");
    expect(await inbox.append(event("old-1"), "G0")).toEqual({ accepted: true });
    const ids = Array.from({ length: 600 }, (_, index) => `d${index}`);
    // Redeliveries in the same burst (d5 again, d42 twice more) and of an earlier burst (old-1).
    const submitted = [...ids.slice(0, 300), "d5", "old-1", "d42", ...ids.slice(300), "d42"];
    const outcomes = await Promise.all(
      submitted.map((id, index) => inbox.append(event(id), `G${index % 7}`)),
    );
    const seen = new Set<string>(["old-1"]);
    const expected = submitted.map((id) => {
      const accepted = !seen.has(id);
      seen.add(id);
      return { accepted };
    });
    expect(outcomes).toEqual(expected);
    expect(await storedIds(store.database)).toEqual(["old-1", ...ids]);
    // 604 appends submitted at once: 256 rows per statement at most, so 3 statements (plus the first).
    expect(inserts()).toBe(4);
    const { rows } = await store.database.query<{ payload: { text: string } }>(
      "SELECT payload FROM webhook_inbox WHERE delivery_id = 'd7'",
    );
    expect(rows[0]?.payload.text).toBe(event("d7").payload.text);
  });

  it("fails only the delivery the store refuses, not the others of its batch", async () => {
    const inbox = new WebhookInbox(store.database, "gh");
    const outcomes = await Promise.allSettled([
      inbox.append(event("good-1"), "G"),
      // PostgreSQL text cannot hold U+0000: this row is refused.
      inbox.append(event("bad"), "G\u0000"),
      inbox.append(event("good-2"), "G"),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await storedIds(store.database)).toEqual(["good-1", "good-2"]);
  });

  it("forgets finished events past retention, keeping recent and unfinished ones", async () => {
    const inbox = new WebhookInbox(store.database, "gh");
    for (const id of ["old-done", "old-failed", "old-running", "old-queued", "new-done"]) {
      await inbox.append(event(id), id);
    }
    for (let claims = 0; claims < 5; claims++) {
      const entry = await inbox.claimNext("worker", 60);
      if (entry?.deliveryId === "old-failed") await inbox.fail(entry.sequence, "worker", "broken", undefined);
      else if (entry?.deliveryId === "old-queued") await inbox.fail(entry.sequence, "worker", "retry", 60);
      else if (entry && entry.deliveryId !== "old-running") await inbox.complete(entry.sequence, "worker");
    }
    await store.database.query(
      "UPDATE webhook_inbox SET received_at = clock_timestamp() - interval '5 days' WHERE delivery_id LIKE 'old-%'",
    );
    expect(await inbox.forgetFinished(4 * 24 * 60 * 60)).toBe(2);
    expect(await storedIds(store.database)).toEqual(["old-running", "old-queued", "new-done"]);
    expect(await inbox.counts()).toEqual({ processing: 1, queued: 1, done: 1 });
    // Forgotten, an id is new again.
    expect(await inbox.append(event("old-done"), "G")).toEqual({ accepted: true });
  });
});

describe("WebhookInbox on the embedded store", () => {
  it("runs a claim after the appends already waiting, so deliveries get their 202 first", async () => {
    const [pglite] = databaseFactories;
    if (!pglite) throw new Error("no pglite factory");
    const store = await pglite.create();
    try {
      const inbox = new WebhookInbox(store.database, "gh");
      const appended = inbox.append(event("first"), "G");
      // Issued before the append's statement: without the priority it would find an empty inbox.
      const claimed = await inbox.claimNext("worker", 60);
      expect(await appended).toEqual({ accepted: true });
      expect(claimed?.deliveryId).toBe("first");
    } finally {
      await store.dispose();
    }
  });
});
