import { describe, expect, it } from "vitest";
import { LazyRepositoryParts } from "../../../src/simulator/state/lazy-repository-parts.js";

/** A cache of capacity 2 over repositories 1–4 whose "generation" is recorded. */
function setUp() {
  const generated: number[] = [];
  const evicted: number[] = [];
  const parts = new LazyRepositoryParts(2, (id) => evicted.push(id));
  for (const id of [1, 2, 3, 4]) parts.register(id, () => generated.push(id));
  return { parts, generated, evicted };
}

describe("LazyRepositoryParts", () => {
  it("generates on first access only, and evicts the least recently used beyond capacity", () => {
    const { parts, generated, evicted } = setUp();
    parts.load(1);
    parts.load(2);
    parts.load(1);
    expect(generated).toEqual([1, 2]);
    parts.load(3);
    expect(evicted).toEqual([2]);
    expect(parts.residentCount).toBe(2);
    parts.load(2);
    expect(generated).toEqual([1, 2, 3, 2]);
    expect(evicted).toEqual([2, 1]);
  });

  it("leaves unregistered repositories alone and never evicts pinned ones", () => {
    const { parts, generated, evicted } = setUp();
    parts.load(99);
    parts.pin(1);
    for (const id of [2, 3, 4, 2, 3, 4]) parts.load(id);
    expect(evicted).not.toContain(1);
    parts.load(1);
    expect(generated.filter((id) => id === 1)).toHaveLength(1);
    expect(generated).not.toContain(99);
  });

  it("keeps the repository just generated, evicting what it read meanwhile (a fork's parent)", () => {
    const evicted: number[] = [];
    const parts = new LazyRepositoryParts(1, (id) => evicted.push(id));
    parts.register(1, () => undefined);
    parts.register(2, () => {
      parts.load(1);
      expect(evicted).toEqual([]);
    });
    parts.load(2);
    expect(evicted).toEqual([1]);
    expect(parts.residentCount).toBe(1);
  });
});
