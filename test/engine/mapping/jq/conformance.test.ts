/**
 * jq 1.8.2's own test files run against our engine. Each case is its own test that records its result;
 * the final test asserts the pass rate (>= 99 % of the cases not skipped) and lists every failure.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toPlain } from "../../../../src/engine/mapping/jq/decimal.js";
import { compileJq, JqCompileError, JqRuntimeError } from "../../../../src/engine/mapping/jq/index.js";
import { parseJson } from "../../../../src/engine/mapping/jq/json-parse.js";
import { CONFORMANCE_FILES, type ConformanceCase, parseConformanceFile } from "./conformance-cases.js";

const DIR = fileURLToPath(new URL("../../../../../shared/conformance/jq", import.meta.url));
const SKIPS: { file: string; line: number; reason: string }[] = JSON.parse(
  readFileSync(new URL("./conformance-skips.json", import.meta.url), "utf8"),
);
// Upstream runs man.test with PAGER=less; the other files see an environment without it.
const ENV = { PAGER: "less", HOME: "/home/jq", LC_ALL: "C" };

/** JSON value equality: object key order ignored, numbers by value. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ob = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(ob, k) && sameJson((a as Record<string, unknown>)[k], ob[k]));
}

/** Runs one case; returns null when it passes, else why it failed. */
function runCase(c: ConformanceCase): string | null {
  if (c.kind !== "run") {
    try {
      compileJq(c.program, { env: ENV });
      return "compiled, but jq rejects this program";
    } catch (e) {
      if (!(e instanceof JqCompileError)) return `unexpected ${String(e)}`;
      if (c.kind === "fail-ignore-message") return null;
      const got = e.jqText.split("\n");
      return c.expected.every((line, i) => got[i] === line) ? null : `error text differs: ${e.jqText}`;
    }
  }
  let program: ReturnType<typeof compileJq>;
  try {
    program = compileJq(c.program, { env: ENV });
  } catch (e) {
    return `compile error: ${e instanceof JqCompileError ? e.message : String(e)}`;
  }
  let input: unknown;
  let expected: unknown[];
  try {
    // Inputs keep their number texts, as jq's parser (built with decNumber) does.
    input = parseJson(c.input, true);
    expected = c.expected.map((t) => parseJson(t));
  } catch (e) {
    return `cannot read the case's JSON: ${String(e)}`;
  }
  const got: unknown[] = [];
  let error = "";
  try {
    for (const out of program.outputs(input)) {
      got.push(toPlain(out));
      // An endless generator must not hang the suite.
      if (got.length > expected.length) break;
    }
  } catch (e) {
    if (e instanceof JqRuntimeError) error = ` (stopped by error: ${e.message})`;
    else return `crashed: ${String(e)}`;
  }
  if (got.length === expected.length && got.every((v, i) => sameJson(v, expected[i]))) return null;
  return `expected ${c.expected.join(" ")} got ${got.map((v) => JSON.stringify(v)).join(" ")}${error}`;
}

const results = { passed: 0, failed: 0, skipped: 0, failures: [] as string[] };

describe("jq 1.8.2 conformance", () => {
  for (const file of CONFORMANCE_FILES) {
    for (const c of parseConformanceFile(DIR, file)) {
      const name = `${file}:${c.line} ${c.program}`;
      const skip = SKIPS.find((s) => s.file === file && s.line === c.line);
      if (skip) {
        results.skipped++;
        it.skip(`${name} (skipped: ${skip.reason})`, () => {});
        continue;
      }
      it(name, () => {
        const why = runCase(c);
        if (why === null) results.passed++;
        else {
          results.failed++;
          results.failures.push(`${file}:${c.line} ${c.program} — ${why}`);
        }
      });
    }
  }

  it("passes at least 99% of the cases it does not skip", () => {
    const summary = `jq 1.8.2 conformance: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`;
    if (results.failures.length > 0) console.log(`failing cases:\n${results.failures.join("\n")}`);
    console.log(summary);
    expect(results.passed / (results.passed + results.failed)).toBeGreaterThanOrEqual(0.99);
  });
});
