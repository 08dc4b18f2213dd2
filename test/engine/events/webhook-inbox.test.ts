import { beforeEach, describe, expect, it } from "vitest";
import { WebhookInbox } from "../../../src/engine/events/webhook-inbox.js";
import { databaseFactories, useTestDatabase } from "../../support/databases.js";

function event(deliveryId: string) {
  return { deliveryId, name: "repository", payload: { id: deliveryId } };
}

const LEASE = 60;

describe.each(databaseFactories)("WebhookInbox on $name", (factory) => {
  const database = useTestDatabase(factory);
  let inbox: WebhookInbox;

  beforeEach(async () => {
    inbox = new WebhookInbox(database(), "gh");
  });

  it("does not queue a redelivered delivery id twice", async () => {
    expect(await inbox.append(event("d1"), "g")).toEqual({ accepted: true });
    expect(await inbox.append(event("d1"), "g")).toEqual({ accepted: false });
    expect(await inbox.counts()).toEqual({ queued: 1 });
  });

  it("hands out one event per group at a time, in arrival order, and other groups meanwhile", async () => {
    await inbox.append(event("a1"), "A");
    await inbox.append(event("a2"), "A");
    await inbox.append(event("b1"), "B");
    const first = await inbox.claimNext("w1", LEASE);
    const second = await inbox.claimNext("w2", LEASE);
    expect([first?.deliveryId, second?.deliveryId]).toEqual(["a1", "b1"]);
    expect(await inbox.claimNext("w3", LEASE)).toBeUndefined();
    expect(await inbox.complete(first?.sequence ?? -1, "w1")).toBe(true);
    expect((await inbox.claimNext("w3", LEASE))?.deliveryId).toBe("a2");
  });

  it("keeps a group waiting while its failed event waits for a retry, then finishes it as failed", async () => {
    await inbox.append(event("a1"), "A");
    await inbox.append(event("a2"), "A");
    const first = await inbox.claimNext("w1", LEASE);
    expect(await inbox.fail(first?.sequence ?? -1, "w1", "GitHub answered 502", 0.3)).toBe(true);
    expect(await inbox.claimNext("w1", LEASE)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const retry = await inbox.claimNext("w2", LEASE);
    expect([retry?.deliveryId, retry?.attempts]).toEqual(["a1", 2]);
    expect(await inbox.fail(retry?.sequence ?? -1, "w2", "still failing", undefined)).toBe(true);
    expect((await inbox.claimNext("w2", LEASE))?.deliveryId).toBe("a2");
    expect(await inbox.counts()).toEqual({ failed: 1, processing: 1 });
  });

  it("lets another worker take over an event whose lease ran out, and refuses the late owner", async () => {
    await inbox.append(event("a1"), "A");
    await inbox.append(event("a2"), "A");
    const claimed = await inbox.claimNext("crashed", 0.2);
    expect(await inbox.claimNext("other", LEASE)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const takeover = await inbox.claimNext("other", LEASE);
    expect([takeover?.deliveryId, takeover?.attempts]).toEqual(["a1", 2]);
    expect(await inbox.complete(claimed?.sequence ?? -1, "crashed")).toBe(false);
    expect(await inbox.extendLease(claimed?.sequence ?? -1, "crashed", LEASE)).toBe(false);
    expect(await inbox.complete(takeover?.sequence ?? -1, "other")).toBe(true);
    expect((await inbox.claimNext("other", LEASE))?.deliveryId).toBe("a2");
  });

  it("keeps order across replicas that share the store and claim at once", async () => {
    for (let index = 0; index < 30; index++) await inbox.append(event(`e${index}`), `G${index % 3}`);
    const replicas = [inbox, new WebhookInbox(database(), "gh"), new WebhookInbox(database(), "gh")];
    const appliedPerGroup: Record<string, number[]> = {};
    await Promise.all(
      replicas.map(async (replica, replicaIndex) => {
        for (;;) {
          const entry = await replica.claimNext(`replica-${replicaIndex}`, LEASE);
          if (!entry) {
            const counts = await replica.counts();
            if (!counts.queued && !counts.processing) return;
            await new Promise((resolve) => setTimeout(resolve, 5));
            continue;
          }
          const index = Number(entry.deliveryId.slice(1));
          appliedPerGroup[entry.groupKey] = [...(appliedPerGroup[entry.groupKey] ?? []), index];
          expect(await replica.complete(entry.sequence, `replica-${replicaIndex}`)).toBe(true);
        }
      }),
    );
    for (const indexes of Object.values(appliedPerGroup)) {
      expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    }
    expect(Object.values(appliedPerGroup).flat()).toHaveLength(30);
    expect(await inbox.counts()).toEqual({ done: 30 });
  });

  it("after a restart of the embedded store, requeues at once what was in progress", async () => {
    await inbox.append(event("a1"), "A");
    await inbox.claimNext("before-restart", LEASE);
    const released = await new WebhookInbox(database(), "gh").releaseClaimsAfterRestart();
    expect(released).toBe(factory.name === "pglite" ? 1 : 0);
  });
});
