/**
 * Differential check on real data: every expression of the compatibility mapping, on every raw object of
 * its kind, gives the same outputs here as in jq-web (a WebAssembly build of upstream jq 1.7, used only
 * as a test oracle). Both erroring counts as agreement; error texts are not compared (1.8 reworded them).
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compileJq, JqCompileError, JqRuntimeError } from "../../../../src/engine/mapping/jq/index.js";

const OCEAN = fileURLToPath(new URL("../../../../../shared/ocean/", import.meta.url));
const require = createRequire(import.meta.url);

interface Oracle {
  raw(json: string, filter: string, flags?: string[]): string;
}

function normaliseQuotes(expr: string): string {
  return expr.replace(
    /(^|\s)'(?!\s|")|(?<!\s|")'(\s|$)/g,
    (_m, a: string | undefined, b: string | undefined) => (a !== undefined ? `${a}"` : `"${b ?? ""}`),
  );
}

function expressionsByKind(): Map<string, string[]> {
  const config = parse(readFileSync(`${OCEAN}mappings/compat-port-app-config.yml`, "utf8")) as {
    resources: { kind: string; selector?: { query?: unknown }; port?: { entity?: { mappings?: unknown } } }[];
  };
  const out = new Map<string, string[]>();
  const walk = (v: unknown, acc: string[]): void => {
    if (typeof v === "string") acc.push(normaliseQuotes(v));
    else if (Array.isArray(v)) for (const x of v) walk(x, acc);
    else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x, acc);
  };
  for (const r of config.resources) {
    const acc = out.get(r.kind) ?? [];
    walk(r.selector?.query, acc);
    walk(r.port?.entity?.mappings, acc);
    out.set(r.kind, acc);
  }
  return out;
}

type Outcome = { ok: true; values: unknown[] } | { ok: false };

function ours(expr: string, input: unknown): Outcome | null {
  let program: ReturnType<typeof compileJq>;
  try {
    program = compileJq(expr, { env: {} });
  } catch (e) {
    if (e instanceof JqCompileError) return null;
    throw e;
  }
  try {
    return { ok: true, values: [...program.outputs(input)] };
  } catch (e) {
    if (e instanceof JqRuntimeError) return { ok: false };
    throw e;
  }
}

function theirs(oracle: Oracle, expr: string, input: unknown): Outcome | null {
  try {
    const out = oracle.raw(JSON.stringify(input), expr, ["-c"]).trim();
    return { ok: true, values: out === "" ? [] : out.split("\n").map((line) => JSON.parse(line)) };
  } catch (e) {
    // jq-web fails on empty output instead of returning "".
    if (e instanceof TypeError && /trim/.test(e.message)) return { ok: true, values: [] };
    return /compile error/.test(String(e)) ? null : { ok: false };
  }
}

describe("Ocean mapping expressions against upstream jq (jq-web oracle)", () => {
  it("agree on every raw object of the compatibility cases", async () => {
    const oracle = (await require("jq-web")) as Oracle;
    const byKind = expressionsByKind();
    const disagreements: string[] = [];
    let compared = 0;
    for (const file of readdirSync(`${OCEAN}cases`)) {
      const { kind, objects } = JSON.parse(readFileSync(`${OCEAN}cases/${file}`, "utf8")) as {
        kind: string;
        objects: unknown[];
      };
      for (const expr of byKind.get(kind) ?? []) {
        for (const object of objects) {
          const a = ours(expr, object);
          const b = theirs(oracle, expr, object);
          compared++;
          if (a === null && b === null) continue;
          if (a !== null && b !== null && a.ok === b.ok && (!a.ok || JSON.stringify(a) === JSON.stringify(b)))
            continue;
          disagreements.push(
            `${kind}: ${expr} → ours ${JSON.stringify(a)} / jq ${JSON.stringify(b)}`.slice(0, 400),
          );
        }
      }
    }
    console.log(
      `jq-web oracle: ${compared} expression/object pairs compared, ${disagreements.length} disagreements`,
    );
    expect(compared).toBeGreaterThan(100);
    expect(disagreements).toEqual([]);
  }, 120_000);
});
