import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { defaultBlueprints } from "../../../src/github/defaults/default-blueprints.js";
import { defaultMapping } from "../../../src/github/defaults/default-mapping.js";

const upstream = "/work/shared/ocean/upstream";
const haveUpstream = existsSync(`${upstream}/port-app-config.yml`);

describe("default mapping and blueprints", () => {
  it.skipIf(!haveUpstream)("the mapping is Ocean's port-app-config.yml byte for byte", () => {
    expect(defaultMapping).toBe(readFileSync(`${upstream}/port-app-config.yml`, "utf8"));
  });

  it.skipIf(!haveUpstream)("the blueprints are Ocean's blueprints.json", () => {
    expect(defaultBlueprints).toEqual(JSON.parse(readFileSync(`${upstream}/blueprints.json`, "utf8")));
  });

  it("maps organization, repository and pull-request onto the three shipped blueprints", () => {
    const mapping = parseYaml(defaultMapping) as {
      repositoryType: string;
      resources: Array<{
        kind: string;
        selector: Record<string, unknown>;
        port: { entity: { mappings: { blueprint: string } } };
      }>;
    };
    expect(mapping.repositoryType).toBe("all");
    expect(mapping.resources.map((resource) => resource.kind)).toEqual([
      "organization",
      "repository",
      "pull-request",
    ]);
    expect(mapping.resources[1]?.selector.includedFiles).toEqual(["README.md", "CODEOWNERS"]);
    const blueprints = mapping.resources.map((resource) =>
      JSON.parse(resource.port.entity.mappings.blueprint),
    );
    expect(defaultBlueprints.map((blueprint) => blueprint.identifier)).toEqual(blueprints);
  });

  it("keeps the jq backslashes of the pull-request mapping intact", () => {
    expect(defaultMapping).toContain('gsub("\\\\["; "-")');
  });
});
