import { describe, expect, it } from "vitest";
import { normalizeQuotes } from "../../../src/engine/mapping/normalize-quotes.js";

describe("normalizeQuotes (Ocean's single-quote rewrite)", () => {
  it.each([
    [".a == 'x'", '.a == "x"'],
    ["'x'", '"x"'],
    [".a | test('a')", ".a | test('a')"],
    ["'\"already\"'", "'\"already\"'"],
    // Ocean's quirk, kept: a quote that is both after and before whitespace is left alone, and a
    // quote after whitespace at the very end opens.
    [".a + ' b '", ".a + ' b \""],
    ['.name + "it\'s"', '.name + "it\'s"'],
  ])("%s → %s", (input, expected) => {
    expect(normalizeQuotes(input)).toBe(expected);
  });
});
