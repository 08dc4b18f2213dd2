import { describe, expect, it } from "vitest";
import { jsonPrefix } from "../../../src/engine/mapping/json-prefix.js";

describe("jsonPrefix", () => {
  it("is the start of JSON.stringify for JSON data", () => {
    const values: unknown[] = [
      null,
      true,
      3.5,
      'text "quoted" \n',
      [],
      {},
      [1, [2, [3, {}]], "x", null],
      { a: 1, "b c": [true, { d: null }], e: "é\u2028", f: undefined, g: [undefined, 2] },
    ];
    for (const value of values) {
      const full = JSON.stringify(value);
      for (const limit of [0, 1, 5, 17, full.length, full.length + 10]) {
        expect(jsonPrefix(value, limit)).toBe(full.slice(0, limit));
      }
    }
  });

  it("stops early on a long string and survives nesting deeper than the JS stack", () => {
    expect(jsonPrefix({ body: "x".repeat(1_000_000) }, 12)).toBe('{"body":"xxx');
    let deep: unknown = 0;
    for (let i = 0; i < 300_000; i++) deep = { a: deep };
    expect(jsonPrefix(deep, 10)).toBe('{"a":{"a":');
  });
});
