import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { PortolanError } from "../../../src/engine/errors/portolan-error.js";
import { bindMapping } from "../../../src/engine/mapping/bind-mapping.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";
import { FakeIntegration } from "../../support/fake-integration.js";

/** The codes `parsePortAppConfig` documents (docs/errors.md); anything else escaping is a bug. */
const MAPPING_CODES = [
  "MAPPING_SYNTAX",
  "MAPPING_NOT_AN_OBJECT",
  "MAPPING_INVALID",
  "MAPPING_TOO_MANY_ALIASES",
  "MAPPING_UNKNOWN_KIND",
  "MAPPING_INVALID_SELECTOR",
];
const integration = new FakeIntegration();

/** Parses and binds, or refuses with a documented code whose location lies inside the text; nothing else. */
function checkParse(text: string): void {
  try {
    const parsed = parsePortAppConfig(text, "mapping.yml");
    // Parsed: binding to an integration (kinds, selectors, jq) refuses with a MAPPING_* code too.
    expect(bindMapping(parsed, integration, "mapping.yml").resources).toHaveLength(
      parsed.config.resources.length,
    );
  } catch (error) {
    if (!(error instanceof PortolanError)) throw error;
    expect(MAPPING_CODES).toContain(error.code);
    expect(error.where?.source).toBe("mapping.yml");
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.hint?.length).toBeGreaterThan(0);
    const lines = text.split(/\r\n|\r|\n/).length;
    // Every refusal points at a line of the text, also when binding finds the problem.
    expect(error.where?.line).toBeDefined();
    if (error.where?.line !== undefined) {
      expect(error.where.line).toBeGreaterThanOrEqual(1);
      expect(error.where.line).toBeLessThanOrEqual(lines);
      expect(error.where.column).toBeGreaterThanOrEqual(1);
    }
  }
}

const validResource = {
  kind: "thing",
  selector: { query: "true", color: ".color" },
  port: { entity: { mappings: { identifier: ".name", blueprint: '"githubRepository"', properties: {} } } },
};

/** Any JSON-ish value, including wrong types where the mapping wants text, lists or objects. */
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 20 }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** A valid mapping with one mutation at a random path: replaced, removed, or given an unknown key. */
const mutatedMapping = fc
  .record({
    path: fc.constantFrom(
      [],
      ["resources"],
      ["resources", 0],
      ["resources", 0, "kind"],
      ["resources", 0, "selector"],
      ["resources", 0, "selector", "query"],
      ["resources", 0, "selector", "color"],
      ["resources", 0, "port"],
      ["resources", 0, "port", "entity"],
      ["resources", 0, "port", "entity", "mappings"],
      ["resources", 0, "port", "entity", "mappings", "identifier"],
      ["resources", 0, "port", "entity", "mappings", "properties"],
      ["resources", 0, "port", "itemsToParse"],
      ["deleteDependentEntities"],
      ["entityDeletionThreshold"],
    ),
    operation: fc.constantFrom("replace", "remove", "unknownKey"),
    value: anyValue,
    json: fc.boolean(),
  })
  .map(({ path, operation, value, json }) => {
    const root: Record<string | number, unknown> = { resources: [structuredClone(validResource)] };
    let parent: Record<string | number, unknown> = root;
    for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (last === undefined) return json ? JSON.stringify(value) : stringify(value);
    if (operation === "replace") parent[last] = value;
    else if (operation === "remove") delete parent[last];
    else parent[`unknown_${String(last)}`] = value;
    return json ? JSON.stringify(root) : stringify(root);
  });

/** Small edits of a valid text: truncation, a stray character, a duplicated line. */
const brokenText = fc
  .record({ cut: fc.nat(), insert: fc.string({ maxLength: 3 }), duplicate: fc.boolean() })
  .map(({ cut, insert, duplicate }) => {
    const text = stringify({ resources: [validResource] });
    const at = cut % text.length;
    const lines = text.split("\n");
    const line = lines[at % lines.length] ?? "";
    return duplicate
      ? [...lines.slice(0, 2), line, ...lines.slice(2)].join("\n")
      : text.slice(0, at) + insert;
  });

const RUN = { numRuns: 200, interruptAfterTimeLimit: 2500 };

describe("parsePortAppConfig on generated input (property)", () => {
  it("random text: parsed, or a documented MAPPING_* error located inside the text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: "binary" }), checkParse), RUN);
  });

  it("YAML-flavoured noise: parsed, or a documented MAPPING_* error", () => {
    const token = fc.constantFrom(
      "resources:",
      "- ",
      "kind: ",
      "&a ",
      "*a",
      "<<: ",
      "!!str ",
      "!!binary ",
      "{",
      "}",
      "[",
      "]",
      ",",
      "'",
      '"',
      "#",
      "\n",
      "  ",
      "\t",
      ": ",
      "? ",
      "|",
      ">",
      "---\n",
      "...\n",
      "%YAML 1.2\n",
      "~",
      "null",
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 40 }).map((tokens) => tokens.join("")),
        checkParse,
      ),
      RUN,
    );
  });

  it("valid mappings with one mutation (wrong type, missing key, unknown key)", () => {
    fc.assert(fc.property(mutatedMapping, checkParse), RUN);
  });

  it("truncated and edited mappings", () => {
    fc.assert(fc.property(brokenText, checkParse), RUN);
  });

  it("deep nesting and huge strings", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.boolean(), (depth, flow) => {
        checkParse(
          flow ? `resources: ${"[".repeat(depth)}${"]".repeat(depth)}` : `${"a:\n ".repeat(depth)}b`,
        );
      }),
      { numRuns: 20 },
    );
    checkParse(`resources:\n  - kind: "${"x".repeat(2_000_000)}"`);
  });

  it("refuses an alias bomb (billion laughs) without expanding it", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const text = `${levels.join("\n")}\nresources: *i\n`;
    const before = process.memoryUsage().heapUsed;
    expect(() => parsePortAppConfig(text, "mapping.yml")).toThrowError(
      expect.objectContaining({
        code: "MAPPING_TOO_MANY_ALIASES",
        where: expect.objectContaining({ line: 2 }),
      }),
    );
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("names the alias whose anchor is missing", () => {
    expect(() => parsePortAppConfig("resources:\n  - *missing\n", "mapping.yml")).toThrowError(
      expect.objectContaining({
        code: "MAPPING_SYNTAX",
        where: expect.objectContaining({ line: 2, column: 5 }),
      }),
    );
  });
});
