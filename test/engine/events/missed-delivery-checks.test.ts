/**
 * `MissedDeliveryChecks`: checks never overlap (a second waits for the first), a replica finding the
 * store's lock taken skips its turn, a check finding unrecoverable misses asks for a resync, a failing
 * check is logged and does not stop later ones, and `stop()` aborts the one under way.
 */
import { describe, expect, it } from "vitest";
import type { DeliveryLedger, MissedDeliveriesReport } from "../../../src/engine/events/delivery-ledger.js";
import {
  MissedDeliveryChecks,
  type MissedDeliveryChecksOptions,
} from "../../../src/engine/events/missed-delivery-checks.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";

const ledger: DeliveryLedger = {
  mark: async () => undefined,
  setMark: async () => undefined,
  received: async () => new Set(),
};

function report(overrides: Partial<MissedDeliveriesReport> = {}): MissedDeliveriesReport {
  return {
    hooksChecked: 1,
    hooksSkipped: 0,
    hooksFailed: 0,
    redelivered: 0,
    deferred: 0,
    unrecoverable: [],
    needsResync: false,
    ...overrides,
  };
}

/** A promise the test settles by hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

function checks(overrides: Partial<MissedDeliveryChecksOptions>): MissedDeliveryChecks {
  return new MissedDeliveryChecks({
    dataSource: "gh",
    ledger,
    recover: async () => report(),
    tryLock: async () => async () => undefined,
    requestResync: async () => undefined,
    logger: silentLogger(),
    ...overrides,
  });
}

describe("MissedDeliveryChecks", () => {
  it("runs one check at a time: a second waits until the first is done", async () => {
    const first = deferred<MissedDeliveriesReport>();
    const events: string[] = [];
    let calls = 0;
    const subject = checks({
      recover: async () => {
        calls++;
        events.push(`start ${calls}`);
        const result = calls === 1 ? await first.promise : report({ redelivered: 2 });
        events.push(`end ${calls}`);
        return result;
      },
    });
    const one = subject.check("start");
    const two = subject.check("interval");
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(["start 1"]);
    first.resolve(report({ redelivered: 1 }));
    expect(await one).toMatchObject({ redelivered: 1 });
    expect(await two).toMatchObject({ redelivered: 2 });
    expect(events).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  it("skips its turn while another replica holds the data source's lock", async () => {
    const locks: string[] = [];
    let recovered = 0;
    const subject = checks({
      tryLock: async (name) => {
        locks.push(name);
        return undefined;
      },
      recover: async () => {
        recovered++;
        return report();
      },
    });
    expect(await subject.check("interval")).toBeUndefined();
    expect(recovered).toBe(0);
    expect(locks).toEqual(["portolan:missed-deliveries:gh"]);
  });

  it("asks for a resync when misses can no longer be redelivered, and releases the lock", async () => {
    const resyncs: string[] = [];
    let released = 0;
    const subject = checks({
      recover: async () => report({ unrecoverable: ["repository.created"], needsResync: true }),
      requestResync: async (trigger) => {
        resyncs.push(trigger);
      },
      tryLock: async () => async () => {
        released++;
      },
    });
    expect(await subject.check("interval")).toMatchObject({ needsResync: true });
    expect(resyncs).toEqual(["missed-deliveries"]);
    expect(released).toBe(1);
  });

  it("logs a failed check and runs the next one", async () => {
    let calls = 0;
    const subject = checks({
      recover: async () => {
        calls++;
        if (calls === 1) throw new Error("GitHub answered 502");
        return report({ redelivered: 3 });
      },
    });
    expect(await subject.check("interval")).toBeUndefined();
    expect(await subject.check("interval")).toMatchObject({ redelivered: 3 });
  });

  it("aborts the check under way on stop, and checks no more", async () => {
    let signal: AbortSignal | undefined;
    const subject = checks({
      recover: (_ledger, check) => {
        signal = check.signal;
        return new Promise((_resolve, reject) => {
          check.signal.addEventListener("abort", () => reject(check.signal.reason), { once: true });
        });
      },
    });
    const running = subject.check("interval");
    await new Promise((resolve) => setImmediate(resolve));
    await subject.stop();
    expect(signal?.aborted).toBe(true);
    expect(await running).toBeUndefined();
    expect(await subject.check("interval")).toBeUndefined();
  });
});
