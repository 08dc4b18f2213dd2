import { describe, expect, it } from "vitest";
import { compileJq } from "../../../../src/engine/mapping/jq/index.js";

function all(program: string, input: unknown = null): unknown[] {
  return [...compileJq(program).outputs(input)];
}

describe("reduce updates in place", () => {
  it("builds large objects and arrays in linear time", () => {
    const started = Date.now();
    expect(all('reduce range(50000) as $i ({}; .["k\\($i)"] = $i) | length')).toEqual([50000]);
    expect(all("reduce range(50000) as $i ([]; . + [$i]) | length")).toEqual([50000]);
    expect(all("[range(20000) | {id: .}] | INDEX(.id) | length")).toEqual([20000]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("never touches the initial value or the input", () => {
    const input = { a: { x: 1 }, list: [1, 2] };
    const copy = structuredClone(input);
    expect(all('reduce (1, 2) as $i (.a; .["k\\($i)"] = $i)', input)).toEqual([{ x: 1, k1: 1, k2: 2 }]);
    expect(all("reduce (3, 4) as $i (.list; . + [$i])", input)).toEqual([[1, 2, 3, 4]]);
    expect(all(".a as $o | reduce (1, 2) as $i ($o; .b = $i) | [., $o]", input)).toEqual([
      [{ x: 1, b: 2 }, { x: 1 }],
    ]);
    expect(input).toEqual(copy);
  });

  it("keeps jq's results when the update aliases the accumulator", () => {
    expect(all("reduce range(3) as $i ({}; .a = .) | tojson")).toEqual(['{"a":{"a":{"a":{}}}}']);
    expect(all("reduce range(2) as $i ({}; .x = $i | .y = [., .])")).toEqual([
      {
        x: 1,
        y: [
          { x: 1, y: [{ x: 0 }, { x: 0 }] },
          { x: 1, y: [{ x: 0 }, { x: 0 }] },
        ],
      },
    ]);
    expect(all('reduce (1, 2) as $i ({}; .[("a", "b")] = $i)')).toEqual([{ a: 2, b: 2 }]);
    expect(all("reduce (1, 2) as $i ({}; .a = ($i, 10))")).toEqual([{ a: 10 }]);
    expect(all("reduce (1, 2, 3) as $i ([]; .[$i] += 1)")).toEqual([[null, 1, 1, 1]]);
  });
});

describe("assignments over many paths", () => {
  it("update large arrays in linear time without touching the input", () => {
    const input = Array.from({ length: 50000 }, (_, i) => i);
    const started = Date.now();
    expect(all(".[] |= . + 1 | add", input)).toEqual([(50000 * 50001) / 2]);
    expect(all("(.[] | select(. % 2 == 0)) = 0 | add", input)).toEqual([625000000]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(input[0]).toBe(0);
  });

  it("keep jq's results for nested and aliased paths", () => {
    expect(all('{"a":[1,2,3]} | (.a[], .b) |= (. // 0) + 1')).toEqual([{ a: [2, 3, 4], b: 1 }]);
    expect(all("try ({} | (.a, .a.b) |= 1) catch .")).toEqual(['Cannot index number with string ("b")']);
    expect(all("[[1]] | (.[0], .[0][0]) |= [., .] | tojson")).toEqual(["[[[[1],[1]],[1]]]"]);
    expect(all("{a: {b: 1}} | .a |= (.c = 2) | .a.b = 3")).toEqual([{ a: { b: 3, c: 2 } }]);
  });
});
