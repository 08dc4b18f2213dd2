import { describe, expect, it } from "vitest";
import { TwoLaneQueue } from "../../../src/engine/store/two-lane-queue.js";

describe("TwoLaneQueue", () => {
  it("runs one job at a time, waiting priority jobs before waiting ordinary ones, each lane in order", async () => {
    const queue = new TwoLaneQueue();
    const started: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const job = (name: string) => async () => {
      started.push(name);
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      return name;
    };
    const results = await Promise.all([
      queue.run("ordinary", job("ordinary-1")),
      queue.run("ordinary", job("ordinary-2")),
      queue.run("priority", job("priority-1")),
      queue.run("ordinary", job("ordinary-3")),
      queue.run("priority", job("priority-2")),
    ]);
    expect(results).toEqual(["ordinary-1", "ordinary-2", "priority-1", "ordinary-3", "priority-2"]);
    expect(started).toEqual(["ordinary-1", "priority-1", "priority-2", "ordinary-2", "ordinary-3"]);
    expect(mostAtOnce).toBe(1);
  });

  it("passes a job's failure to its caller and goes on with the next", async () => {
    const queue = new TwoLaneQueue();
    const failing = queue.run("ordinary", async () => {
      throw new Error("refused");
    });
    const next = queue.run("ordinary", async () => "ran");
    await expect(failing).rejects.toThrow("refused");
    expect(await next).toBe("ran");
  });
});
