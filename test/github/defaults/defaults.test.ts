import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { defaultBlueprints } from "../../../src/github/defaults/default-blueprints.js";
import { defaultMapping } from "../../../src/github/defaults/default-mapping.js";
import { integrationSpec } from "../../../src/github/defaults/integration-spec.js";
import { githubIntegrationType } from "../../../src/github/github-integration-type.js";

const upstream = "/work/shared/ocean/upstream";
const haveUpstream = existsSync(`${upstream}/port-app-config.yml`);

describe("default mapping and blueprints", () => {
  it.skipIf(!haveUpstream)("the mapping is Ocean's port-app-config.yml byte for byte", () => {
    expect(defaultMapping).toBe(readFileSync(`${upstream}/port-app-config.yml`, "utf8"));
  });

  it.skipIf(!haveUpstream)("the blueprints are Ocean's blueprints.json", () => {
    expect(defaultBlueprints).toEqual(JSON.parse(readFileSync(`${upstream}/blueprints.json`, "utf8")));
  });

  it.skipIf(!haveUpstream)("the integration spec is Ocean's spec.yaml byte for byte", () => {
    expect(integrationSpec).toBe(readFileSync(`${upstream}/spec.yaml`, "utf8"));
  });

  it("takes every integration setting, its description and whether it is sensitive from the spec", () => {
    const configurations = (parseYaml(integrationSpec) as { configurations: Array<{ name: string }> })
      .configurations;
    const settings = githubIntegrationType.settings;
    expect(settings.map((setting) => setting.name)).toEqual(configurations.map((entry) => entry.name));
    expect(settings.filter((setting) => setting.sensitive).map((setting) => setting.name)).toEqual([
      "githubToken",
      "githubAppPrivateKey",
      "webhookSecret",
    ]);
    expect(settings.find((setting) => setting.name === "githubOrganization")?.description).toBe(
      "Optional GitHub organization name for GitHub App or Fine-grained PAT authentication.",
    );
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
