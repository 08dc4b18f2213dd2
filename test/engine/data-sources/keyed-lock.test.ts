import { describe, expect, it } from "vitest";
import { KeyedLock } from "../../../src/engine/data-sources/keyed-lock.js";

/** A promise and the function that settles it, so a test decides when work finishes. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe("KeyedLock", () => {
  it("runs work of one key one at a time, in the order asked, even after a failure", async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const first = gate();
    const a = lock.run("acme", async () => {
      log.push("a starts");
      await first.opened;
      log.push("a ends");
      throw new Error("a failed");
    });
    const b = lock.run("acme", async () => {
      log.push("b runs");
      return "b";
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual(["a starts"]);
    first.open();
    await expect(a).rejects.toThrow("a failed");
    expect(await b).toBe("b");
    expect(log).toEqual(["a starts", "a ends", "b runs"]);
  });

  it("runs work of different keys side by side", async () => {
    const lock = new KeyedLock();
    const held = gate();
    const slow = lock.run("acme", () => held.opened.then(() => "acme"));
    expect(await lock.run("globex", async () => "globex")).toBe("globex");
    held.open();
    expect(await slow).toBe("acme");
  });
});
