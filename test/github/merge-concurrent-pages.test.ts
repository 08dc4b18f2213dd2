import { describe, expect, it } from "vitest";
import { mergeConcurrentPages } from "../../src/github/merge-concurrent-pages.js";

async function* from<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const collected: T[][] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

/** A source of `count` pages of two items each, tracking how many sources are being read at once. */
function tracked() {
  const state = { inFlight: 0, mostInFlight: 0, finished: [] as number[] };
  const read = async function* (source: number): AsyncIterable<string[]> {
    state.inFlight += 1;
    state.mostInFlight = Math.max(state.mostInFlight, state.inFlight);
    try {
      for (let page = 0; page < 3; page++) {
        await new Promise((resolve) => setImmediate(resolve));
        yield [`${source}.${page}a`, `${source}.${page}b`];
      }
      state.finished.push(source);
    } finally {
      state.inFlight -= 1;
    }
  };
  return { state, read };
}

describe("mergeConcurrentPages", () => {
  it("delivers every item of every source, reading at most `limit` sources at once", async () => {
    const { state, read } = tracked();
    const sources = Array.from({ length: 25 }, (_, index) => index);
    const pages = await collect(mergeConcurrentPages(from(sources), 4, read));
    const items = pages.flat();
    expect(items).toHaveLength(25 * 3 * 2);
    expect(new Set(items).size).toBe(items.length);
    expect(state.mostInFlight).toBe(4);
    expect(state.finished.sort((a, b) => a - b)).toEqual(sources);
  });

  it("keeps each source's pages in their order", async () => {
    const { read } = tracked();
    const items = (await collect(mergeConcurrentPages(from([1, 2, 3]), 3, read))).flat();
    for (const source of [1, 2, 3]) {
      const own = items.filter((item) => item.startsWith(`${source}.`));
      expect(own).toEqual([
        `${source}.0a`,
        `${source}.0b`,
        `${source}.1a`,
        `${source}.1b`,
        `${source}.2a`,
        `${source}.2b`,
      ]);
    }
  });

  it("walks the sources one after another with a limit of 1", async () => {
    const { state, read } = tracked();
    const items = (await collect(mergeConcurrentPages(from([1, 2]), 1, read))).flat();
    expect(items).toEqual([
      "1.0a",
      "1.0b",
      "1.1a",
      "1.1b",
      "1.2a",
      "1.2b",
      "2.0a",
      "2.0b",
      "2.1a",
      "2.1b",
      "2.2a",
      "2.2b",
    ]);
    expect(state.mostInFlight).toBe(1);
  });

  it("stops starting sources after a failure and throws it once the readers in flight stopped", async () => {
    const started: number[] = [];
    const read = async function* (source: number): AsyncIterable<number[]> {
      started.push(source);
      await new Promise((resolve) => setImmediate(resolve));
      if (source === 2) throw new Error("source 2 failed");
      yield [source];
    };
    const sources = Array.from({ length: 50 }, (_, index) => index);
    await expect(collect(mergeConcurrentPages(from(sources), 3, read))).rejects.toThrow("source 2 failed");
    expect(started.length).toBeLessThan(sources.length);
  });

  it("throws a failure of the sources themselves", async () => {
    async function* failing(): AsyncIterable<number> {
      yield 1;
      throw new Error("listing failed");
    }
    const read = async function* (source: number): AsyncIterable<number[]> {
      yield [source];
    };
    await expect(collect(mergeConcurrentPages(failing(), 2, read))).rejects.toThrow("listing failed");
  });

  it("stops its readers when the consumer stops early", async () => {
    const { state, read } = tracked();
    for await (const page of mergeConcurrentPages(from([1, 2, 3, 4, 5, 6]), 3, read)) {
      expect(page.length).toBeGreaterThan(0);
      break;
    }
    expect(state.inFlight).toBe(0);
    expect(state.finished).toEqual([]);
  });
});
