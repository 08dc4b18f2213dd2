import { describe, expect, it } from "vitest";
import { inFlightGroup, retryScheduler } from "../../../src/github/client/throttling-schedulers.js";

type Schedule = (options: unknown, job: () => Promise<unknown>) => Promise<unknown>;

/** A job that stays in flight until `release()`; records how many were in flight at its start. */
function gate() {
  let inFlight = 0;
  let most = 0;
  const releases: Array<() => void> = [];
  const job = async () => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise<void>((release) => releases.push(release));
    inFlight -= 1;
    return "done";
  };
  return {
    job,
    releaseAll: () => {
      for (const release of releases.splice(0)) release();
    },
    get most() {
      return most;
    },
    get started() {
      return releases.length;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("inFlightGroup", () => {
  it("keeps at most the limit in flight per key, starting the waiting ones in arrival order", async () => {
    const group = inFlightGroup(2) as unknown as { key(id: string): { schedule: Schedule } };
    const limit = group.key("credential-a");
    const work = gate();
    const order: number[] = [];
    const jobs = [1, 2, 3, 4, 5].map((n) =>
      limit.schedule({}, async () => {
        order.push(n);
        return work.job();
      }),
    );
    await settle();
    expect(work.started).toBe(2);
    while (order.length < 5 || work.started > 0) {
      work.releaseAll();
      await settle();
    }
    expect(await Promise.all(jobs)).toEqual(["done", "done", "done", "done", "done"]);
    expect(work.most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it("shares a key's limit between groups made alike (process-wide, as the plugin's), not between keys", async () => {
    const first = (inFlightGroup(1) as unknown as { key(id: string): { schedule: Schedule } }).key("shared");
    const second = (inFlightGroup(1) as unknown as { key(id: string): { schedule: Schedule } }).key("shared");
    const other = (inFlightGroup(1) as unknown as { key(id: string): { schedule: Schedule } }).key("other");
    const work = gate();
    const jobs = [first.schedule({}, work.job), second.schedule({}, work.job), other.schedule({}, work.job)];
    await settle();
    expect(work.started).toBe(2);
    while (work.started > 0) {
      work.releaseAll();
      await settle();
    }
    await Promise.all(jobs);
  });

  it("lets a retry (weight 0) through without a slot, as Bottleneck does", async () => {
    const limit = (inFlightGroup(1) as unknown as { key(id: string): { schedule: Schedule } }).key(
      "retrying",
    );
    const work = gate();
    const held = limit.schedule({}, work.job);
    const retry = limit.schedule({ weight: 0 }, work.job);
    await settle();
    expect(work.started).toBe(2);
    work.releaseAll();
    await Promise.all([held, retry]);
  });

  it("frees the slot of a job that fails", async () => {
    const limit = (inFlightGroup(1) as unknown as { key(id: string): { schedule: Schedule } }).key("failing");
    await expect(limit.schedule({}, async () => Promise.reject(new Error("refused")))).rejects.toThrow(
      "refused",
    );
    expect(await limit.schedule({}, async () => "next")).toBe("next");
  });
});

describe("retryScheduler", () => {
  it("retries after the milliseconds the failed handler answers, with the retry count", async () => {
    const scheduler = retryScheduler();
    const seen: number[] = [];
    scheduler.on("failed", (_error, info) => {
      seen.push(info.retryCount);
      return info.retryCount < 2 ? 1 : undefined;
    });
    let calls = 0;
    const result = await scheduler.schedule(async (value) => {
      calls += 1;
      if (calls < 3) throw new Error(`attempt ${calls}`);
      return value;
    }, "answer");
    expect(result).toBe("answer");
    expect(seen).toEqual([0, 1]);
  });

  it("rethrows when the handler answers no retry", async () => {
    const scheduler = retryScheduler();
    scheduler.on("failed", async () => undefined);
    await expect(scheduler.schedule(async () => Promise.reject(new Error("final")))).rejects.toThrow("final");
  });
});
