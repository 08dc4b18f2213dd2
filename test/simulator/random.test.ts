import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/simulator/random.js";

describe("createRandom", () => {
  it("repeats its sequence for one seed and differs for another", () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42).every((n) => n >= 0 && n < 1)).toBe(true);
  });

  it("draws integers in range, samples without repetition, and makes v4-shaped UUIDs", () => {
    const random = createRandom(1);
    for (let i = 0; i < 200; i++) {
      const n = random.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
    const sample = random.sample(["a", "b", "c", "d"], 3);
    expect(new Set(sample).size).toBe(3);
    expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("forks independent streams: drawing from one does not shift another", () => {
    const a = createRandom(7);
    const forkA = a.fork("x");
    const b = createRandom(7);
    const forkB = b.fork("x");
    a.next();
    expect(forkA.next()).toBe(forkB.next());
    expect(createRandom(7).fork("x").next()).not.toBe(createRandom(7).fork("y").next());
  });
});
