import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const DOC = readFileSync("docs/guarantees.md", "utf8");
const NAMED = [...DOC.matchAll(/`(test\/[^`\s]+)`/g)].map((match) => match[1] ?? "");

describe("docs/guarantees.md", () => {
  it("names test files for its guarantees", () => {
    expect(NAMED.length).toBeGreaterThan(30);
    expect(NAMED).toContain("test/e2e/secrets-never-leak.test.ts");
  });

  it("names only test files that exist", () => {
    expect(NAMED.filter((path) => !existsSync(path))).toEqual([]);
  });
});
