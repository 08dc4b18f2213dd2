import { describe, expect, it } from "vitest";
import { coalescePages } from "../../../src/engine/sync/coalesce-pages.js";

async function* from<T>(pages: readonly T[][]): AsyncIterable<T[]> {
  for (const page of pages) yield page;
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const collected: T[][] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

describe("coalescePages", () => {
  it("groups small pages until a batch holds at least `size` items, in order", async () => {
    const pages = [[1, 2], [3], [4, 5, 6], [7], [8, 9]];
    expect(await collect(coalescePages(from(pages), 4))).toEqual([
      [1, 2, 3, 4, 5, 6],
      [7, 8, 9],
    ]);
  });

  it("passes a page that is already large enough through as it is", async () => {
    const large = [1, 2, 3, 4, 5];
    const batches = await collect(coalescePages(from([large, [6], [7, 8, 9, 10]]), 4));
    expect(batches[0]).toBe(large);
    expect(batches.slice(1)).toEqual([[6, 7, 8, 9, 10]]);
  });

  it("yields nothing for a listing without items", async () => {
    expect(await collect(coalescePages(from<number>([]), 4))).toEqual([]);
  });

  it("hands on what it holds before the error of a source that fails late, then the error", async () => {
    async function* failingAfterTwoPages(): AsyncIterable<number[]> {
      yield [1, 2];
      yield [3];
      throw new Error("the last repository failed");
    }
    const received: number[][] = [];
    await expect(
      (async () => {
        for await (const batch of coalescePages(failingAfterTwoPages(), 100)) received.push(batch);
      })(),
    ).rejects.toThrow("the last repository failed");
    expect(received).toEqual([[1, 2, 3]]);
  });
});
