/**
 * Hostile mapping leaves under the default budget: each is stopped within about a second and reported
 * as that field's failure, while the other fields of the same object still map.
 */
import { describe, expect, it } from "vitest";
import { compileResourceMapping } from "../../../src/engine/mapping/compile-resource-mapping.js";
import { mapRawItems } from "../../../src/engine/mapping/map-raw-items.js";
import { resourceSchema } from "../../../src/engine/mapping/port-app-config-schema.js";

function deep(levels: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < levels; i++) v = { child: v };
  return v;
}

const HOSTILE: Record<string, string> = {
  endless: "[range(infinite)]",
  recursion: "def f: f; f",
  repeat: "[limit(infinite; repeat(1))]",
  longReduce: "reduce range(1e9) as $i (0; .+1)",
  hugeString: '"x" * 1e9',
  hugeArray: "[range(1e8)] | length",
  deepWalk: '.deep | walk(if type == "string" then ascii_upcase else . end) | tojson | length',
};

describe("mapRawItems under the evaluation budget", () => {
  it("reports each hostile field as a failure and maps the others", () => {
    const resource = resourceSchema.parse({
      kind: "pull-request",
      selector: { query: "true" },
      port: {
        entity: {
          mappings: {
            identifier: ".id | tostring",
            title: ".title",
            blueprint: '"githubPullRequest"',
            properties: { ...HOSTILE, url: ".url" },
          },
        },
      },
    });
    const item = { id: 7, title: "Budget", url: "http://127.0.0.1/pr/7", deep: deep(300_000) };
    const start = performance.now();
    const result = mapRawItems(compileResourceMapping(resource, 0), [item]);
    const ms = performance.now() - start;

    expect(result.entities).toHaveLength(1);
    const entity = result.entities[0];
    expect(entity?.identifier).toBe("7");
    expect(entity?.title).toBe("Budget");
    expect(entity?.properties.url).toBe("http://127.0.0.1/pr/7");
    for (const key of Object.keys(HOSTILE)) expect(entity?.properties[key]).toBeNull();

    const failures = new Map(result.fieldFailures.map((f) => [f.field, f.error]));
    expect([...failures.keys()].sort()).toEqual(
      Object.keys(HOSTILE)
        .map((k) => `properties.${k}`)
        .sort(),
    );
    // 8 Mi elements (64 MiB) or 1 s, whichever comes first on this machine.
    expect(failures.get("properties.endless")).toMatch(
      /^evaluation stopped: (more than 1 s|built a value over 64 MiB)$/,
    );
    expect(failures.get("properties.hugeArray")).toMatch(
      /^evaluation stopped: (more than 1 s|built a value over 64 MiB)$/,
    );
    expect(failures.get("properties.recursion")).toBe("evaluation stopped: more than 1 s");
    expect(failures.get("properties.longReduce")).toBe("evaluation stopped: more than 1 s");
    expect(failures.get("properties.repeat")).toMatch(/^evaluation stopped: /);
    // Beyond jq's own repeat limit, jq's own (catchable) error.
    expect(failures.get("properties.hugeString")).toBe("Repeat string result too long");
    expect(failures.get("properties.deepWalk")).toMatch(/^evaluation stopped: |recursed too deeply/);
    // Seven stopped fields, each within its 1 s budget (with slack for a loaded machine).
    expect(ms).toBeLessThan(7 * 1000 + 4000);
  }, 30_000);
});
