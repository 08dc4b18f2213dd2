/** Every jq expression in Ocean's GitHub mappings compiles and behaves as Ocean relies on. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compileJq } from "../../../../src/engine/mapping/jq/index.js";

const SHARED = fileURLToPath(new URL("../../../../../shared/ocean/", import.meta.url));

/** Ocean rewrites `'x'` to `"x"` before compiling (its single-quote normalisation). */
function normaliseQuotes(expr: string): string {
  return expr.replace(
    /(^|\s)'(?!\s|")|(?<!\s|")'(\s|$)/g,
    (_m, a: string | undefined, b: string | undefined) => (a !== undefined ? `${a}"` : `"${b ?? ""}`),
  );
}

function collectExpressions(config: unknown): string[] {
  const out: string[] = [];
  const resources = (config as { resources?: unknown[] }).resources ?? [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  for (const r of resources) {
    const res = r as { selector?: { query?: unknown }; port?: { entity?: { mappings?: unknown } } };
    if (res.selector?.query !== undefined) walk(res.selector.query);
    walk(res.port?.entity?.mappings);
  }
  return out;
}

describe("Ocean mapping expressions", () => {
  for (const file of ["upstream/port-app-config.yml", "mappings/compat-port-app-config.yml"]) {
    it(`all expressions in ${file} compile`, () => {
      const config = parse(readFileSync(`${SHARED}${file}`, "utf8"));
      const expressions = collectExpressions(config);
      expect(expressions.length).toBeGreaterThan(10);
      const failures: string[] = [];
      for (const expr of expressions) {
        try {
          compileJq(normaliseQuotes(expr));
        } catch (e) {
          failures.push(`${expr}: ${(e as Error).message}`);
        }
      }
      // The compat mapping's `bareSearch` probe holds leaves that jq rejects too (Ocean maps them to null).
      const expected = file.startsWith("mappings/")
        ? [
            "and: syntax error, unexpected and, expecting end of file",
            "$identifier: $identifier is not defined",
            "=: syntax error, unexpected '=', expecting end of file",
          ]
        : [];
      expect(failures).toEqual(expected);
    });
  }

  it("joins a nested field and a number", () => {
    const p = compileJq(".head.repo.name + (.id|tostring)");
    expect(p.first({ id: 42, head: { repo: { name: "portolan" } } })).toEqual({
      found: true,
      value: "portolan42",
    });
  });

  it("reads a key with a dot through bracket syntax", () => {
    const p = compileJq('.__includedFiles["README.md"]');
    expect(p.first({ __includedFiles: { "README.md": "# hi" } })).toEqual({ found: true, value: "# hi" });
    expect(p.first({})).toEqual({ found: true, value: null });
  });

  it("replaces with a lookahead regex", () => {
    const p = compileJq('.user.login | gsub("\\\\["; "-") | gsub("\\\\](?=[^$])"; "-") | gsub("\\\\]$"; "")');
    expect(p.first({ user: { login: "dependabot[bot]" } })).toEqual({ found: true, value: "dependabot-bot" });
    expect(p.first({ user: { login: "a[b]c" } })).toEqual({ found: true, value: "a-b-c" });
  });

  it("computes a lead time in hours from ISO dates", () => {
    const expr = `(.created_at | sub("\\\\..*Z$"; "Z") | strptime("%Y-%m-%dT%H:%M:%SZ") | mktime) as $c
      | (.merged_at | strptime("%Y-%m-%dT%H:%M:%SZ") | mktime) as $m
      | (($m - $c) / 3600 * 100 | floor) / 100`;
    const p = compileJq(expr);
    const out = p.first({ created_at: "2024-01-01T10:00:00.123Z", merged_at: "2024-01-02T11:30:00Z" });
    expect(out).toEqual({ found: true, value: 25.5 });
  });

  it("takes only the first output and reports empty output", () => {
    expect(compileJq(".[]").first([1, 2])).toEqual({ found: true, value: 1 });
    expect(compileJq("empty").first(null)).toEqual({ found: false });
  });

  it("does not mutate its input", () => {
    const input = { a: { b: [1, 2] } };
    const snapshot = structuredClone(input);
    compileJq(".a.b[0] = 9 | .a.c = 1 | del(.a.b[1])").first(input);
    expect(input).toEqual(snapshot);
  });

  it("sees the environment it is given", () => {
    expect(compileJq("env.X, $ENV.X").first(null)).toEqual({ found: true, value: null });
    expect([...compileJq("env.X, $ENV.X", { env: { X: "1" } }).outputs(null)]).toEqual(["1", "1"]);
  });
});
