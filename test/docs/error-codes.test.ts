import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SOURCE = "src";
const DOC = readFileSync("docs/errors.md", "utf8");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "portal" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/**
 * The codes a user can meet: the first argument of `new PortolanError(…)`, `super(…)` in its
 * subclasses and `problem(…)` (a ternary there names two), and `code: "…"` of reported failures.
 */
function codesUsedIn(text: string): string[] {
  const codes: string[] = [];
  for (const match of text.matchAll(/(?:new PortolanError|super|problem)\(\s*([^,()]+),/g)) {
    for (const code of (match[1] ?? "").matchAll(/"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)"/g))
      codes.push(code[1] ?? "");
  }
  for (const match of text.matchAll(/\bcode: "([A-Z][A-Z0-9]*_[A-Z0-9_]+)"/g)) codes.push(match[1] ?? "");
  return codes;
}

describe("docs/errors.md", () => {
  const used = new Map<string, string>();
  for (const file of sourceFiles(SOURCE)) {
    for (const code of codesUsedIn(readFileSync(file, "utf8"))) used.set(code, file);
  }

  it("finds the codes in the source (the scan itself works)", () => {
    expect(used.size).toBeGreaterThan(50);
    expect(used.get("MAPPING_TOO_MANY_ALIASES")).toBe(join("src/engine/mapping/parse-port-app-config.ts"));
    expect(used.get("JQ_COMPILE")).toBeDefined();
  });

  it("documents every error code used in src/", () => {
    const missing = [...used]
      .filter(([code]) => !DOC.includes(`\`${code}\``))
      .map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it("documents no code that src/ no longer uses", () => {
    const documented = [...DOC.matchAll(/^\| `([A-Z][A-Z0-9_]+)` +\|/gm)].map((match) => match[1] ?? "");
    expect(documented.length).toBeGreaterThan(50);
    expect(documented.filter((code) => !used.has(code))).toEqual([]);
  });
});
