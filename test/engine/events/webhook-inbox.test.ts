import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebhookInbox } from "../../../src/engine/events/webhook-inbox.js";
import { databaseFactories, type TestDatabase } from "../../support/databases.js";

function event(deliveryId: string) {
  return { deliveryId, name: "repository", payload: { id: deliveryId } };
}

describe.each(databaseFactories)("WebhookInbox on $name", (factory) => {
  let store: TestDatabase;
  let inbox: WebhookInbox;

  beforeEach(async () => {
    store = await factory.create();
    inbox = new WebhookInbox(store.database, "gh");
  });
  afterEach(async () => {
    await store.dispose();
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
    const first = await inbox.claimNext();
    const second = await inbox.claimNext();
    expect([first?.deliveryId, second?.deliveryId]).toEqual(["a1", "b1"]);
    expect(await inbox.claimNext()).toBeUndefined();
    await inbox.complete(first?.sequence ?? -1);
    expect((await inbox.claimNext())?.deliveryId).toBe("a2");
  });

  it("finishes a failed event so that its group moves on", async () => {
    await inbox.append(event("a1"), "A");
    await inbox.append(event("a2"), "A");
    const first = await inbox.claimNext();
    await inbox.fail(first?.sequence ?? -1, "boom");
    expect((await inbox.claimNext())?.deliveryId).toBe("a2");
    expect(await inbox.counts()).toEqual({ failed: 1, processing: 1 });
  });

  it("requeues events that were in progress when the process stopped", async () => {
    await inbox.append(event("a1"), "A");
    const claimed = await inbox.claimNext();
    expect(claimed?.attempts).toBe(1);
    const restarted = new WebhookInbox(store.database, "gh");
    expect(await restarted.requeueInterrupted()).toBe(1);
    const again = await restarted.claimNext();
    expect(again?.deliveryId).toBe("a1");
    expect(again?.attempts).toBe(2);
  });
});
