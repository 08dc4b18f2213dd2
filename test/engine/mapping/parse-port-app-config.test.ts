import { describe, expect, it } from "vitest";
import { PortolanError } from "../../../src/engine/errors/portolan-error.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";

const minimal = `
resources:
  - kind: repository
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .name
          blueprint: '"githubRepository"'
          properties:
            stars: 5
`;

function failure(text: string): PortolanError {
  try {
    parsePortAppConfig(text, "mapping.yml");
  } catch (error) {
    if (error instanceof PortolanError) return error;
    throw error;
  }
  throw new Error("expected the mapping to be refused");
}

describe("parsePortAppConfig", () => {
  it("applies Ocean's defaults and keeps integration keys as options", () => {
    const { config, options } = parsePortAppConfig(
      `repositoryType: private\norganizations: [a, b]\n${minimal}`,
    );
    expect(config.enableMergeEntity).toBe(true);
    expect(config.deleteDependentEntities).toBe(true);
    expect(config.createMissingRelatedEntities).toBe(true);
    expect(config.entityDeletionThreshold).toBe(0.9);
    expect(options).toEqual({ repositoryType: "private", organizations: ["a", "b"] });
    const resource = config.resources[0];
    expect(resource?.port.itemsToParseName).toBe("item");
    expect(resource?.port.entity.mappings.properties).toEqual({ stars: "5" });
    expect(resource?.port.entity.mappings.relations).toEqual({});
    expect("title" in (resource?.port.entity.mappings ?? {})).toBe(false);
  });

  it("accepts unknown keys below the top level as Ocean does, with a warning naming where they are", () => {
    const { warnings } = parsePortAppConfig(
      minimal
        .replace("          identifier: .name", "          identifer: .typo\n          identifier: .name")
        .replace("    port:", "    selectr: {}\n    port:"),
      "mapping.yml",
    );
    expect(warnings).toEqual([
      {
        message: 'unknown key "selectr" is ignored (allowed here: kind, selector, port)',
        where: { source: "mapping.yml", path: "resources[0].selectr", line: 6, column: 14 },
      },
      {
        message:
          'unknown key "identifer" is ignored (allowed here: identifier, blueprint, title, icon, team, properties, relations)',
        where: {
          source: "mapping.yml",
          path: "resources[0].port.entity.mappings.identifer",
          line: 10,
          column: 22,
        },
      },
    ]);
  });

  it("accepts the same mapping as JSON", () => {
    const { config } = parsePortAppConfig(
      JSON.stringify({
        resources: [
          {
            kind: "organization",
            selector: { query: "true" },
            port: { entity: { mappings: { identifier: ".login", blueprint: '"o"' } } },
          },
        ],
      }),
    );
    expect(config.resources[0]?.kind).toBe("organization");
  });

  it("refuses a missing selector query with its path, line and column", () => {
    const error = failure(minimal.replace("      query: 'true'\n", "      includedFiles: []\n"));
    expect(error.code).toBe("MAPPING_INVALID");
    expect(error.where).toMatchObject({
      source: "mapping.yml",
      path: "resources[0].selector.query",
      line: 5,
    });
    expect(error.hint).toContain("query: 'true'");
  });

  it("refuses a threshold out of range where it is written", () => {
    const error = failure(`entityDeletionThreshold: 3\n${minimal}`);
    expect(error.where).toMatchObject({ path: "entityDeletionThreshold", line: 1, column: 26 });
    expect(error.describe()).toContain("mapping.yml:1:26");
  });

  it("reports YAML syntax errors with line and column", () => {
    const error = failure("resources:\n  - kind: [repository\n");
    expect(error.code).toBe("MAPPING_SYNTAX");
    expect(error.where?.line).toBeGreaterThanOrEqual(2);
  });

  it("refuses a mapping that is not an object", () => {
    expect(failure("- a\n- b\n").code).toBe("MAPPING_NOT_AN_OBJECT");
  });
});
