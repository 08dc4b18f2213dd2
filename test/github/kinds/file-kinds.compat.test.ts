/**
 * Compatibility of the folder and file kinds with Ocean's mappings: the compat mapping's `folder` and
 * `file` resources (block C) applied to Ocean's raw objects (`shared/ocean/cases/<kind>.json`) and to the
 * raw objects our kinds list from the simulator give entities with the same fields, no field failing
 * that the examples fill, and fields the kinds' blueprints declare.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Blueprint } from "../../../src/engine/catalog/blueprint.js";
import type { IntegrationKind, RawObject } from "../../../src/engine/integration/integration.js";
import { compileResourceMapping } from "../../../src/engine/mapping/compile-resource-mapping.js";
import { mapRawItems } from "../../../src/engine/mapping/map-raw-items.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";
import type { ResourceConfig } from "../../../src/engine/mapping/port-app-config-schema.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { kindBlueprints } from "../../../src/github/defaults/kind-blueprints/index.js";
import { startSimulator } from "../../../src/simulator/start-simulator.js";

const SHARED = fileURLToPath(new URL("../../../../shared/ocean/", import.meta.url));

const { config } = parsePortAppConfig(
  readFileSync(`${SHARED}mappings/compat-port-app-config.yml`, "utf8"),
  "compat-port-app-config.yml",
);

function casesOf(kind: string): RawObject[] {
  return (JSON.parse(readFileSync(`${SHARED}cases/${kind}.json`, "utf8")) as { objects: RawObject[] })
    .objects;
}

function mapWith(resource: ResourceConfig, index: number, items: readonly RawObject[]) {
  // The engine applies the file resource's `itemsToParse` (one entity per CODEOWNERS rule).
  return mapRawItems(compileResourceMapping(resource, index), items);
}

function failingFields(result: ReturnType<typeof mapRawItems>): Set<string> {
  return new Set(result.fieldFailures.map((failure) => failure.field));
}

function expectBlueprintFields(
  blueprint: Blueprint | undefined,
  entity: { blueprint: string; properties: object; relations: object },
) {
  expect(blueprint?.identifier).toBe(entity.blueprint);
  for (const key of Object.keys(entity.properties))
    expect(Object.keys(blueprint?.schema.properties ?? {})).toContain(key);
  for (const key of Object.keys(entity.relations))
    expect(Object.keys(blueprint?.relations ?? {})).toContain(key);
}

let simulator: Awaited<ReturnType<typeof startSimulator>>;
let integration: GitHubIntegration;

beforeAll(async () => {
  simulator = await startSimulator({ seed: 11, port: 0, logger: false });
  integration = await createGitHubIntegration({
    githubHost: simulator.url,
    githubToken: simulator.adminToken,
    githubOrganization: simulator.organization,
  });
});
afterAll(async () => simulator?.close());

async function listFromSimulator(resource: ResourceConfig): Promise<RawObject[]> {
  const kind = integration.kinds.find((entry) => entry.name === resource.kind) as IntegrationKind;
  const pages: RawObject[][] = [];
  for await (const page of kind.list({
    selector: kind.selectorSchema.parse(resource.selector),
    mappingOptions: {},
  }))
    pages.push(page);
  return pages.flat();
}

describe.each(["folder", "file"])("compat mapping, kind %s", (kind) => {
  const index = config.resources.findIndex((resource) => resource.kind === kind);
  const resource = config.resources[index] as ResourceConfig;

  it("maps Ocean's raw objects to entities with every field filled", () => {
    const result = mapWith(resource, index, casesOf(kind));
    expect(result.itemFailures).toEqual([]);
    expect(result.entities.length).toBeGreaterThan(0);
    expect(result.fieldFailures).toEqual([]);
    for (const entity of result.entities) expectBlueprintFields(kindBlueprints[kind], entity);
    if (kind === "folder") {
      expect(result.entities[0]).toMatchObject({
        identifier: "medium-repo/dir_0_1e28bc",
        title: "dir_0_1e28bc",
        blueprint: "githubRepository",
        properties: { url: "https://github.com/port-gh-app-dev/medium-repo/tree/main/dir_0_1e28bc" },
      });
    } else {
      // One entity per CODEOWNERS rule (comments and blank lines skipped); an object content has none.
      expect(result.entities.map((entity) => entity.identifier)).toEqual([
        "small-repo_Content_codeowners",
        "small-repo_star_codeowners",
        "small-repo_/docs/_codeowners",
        "small-repo_doublestar/star.py_codeowners",
      ]);
      expect(result.entities[1]).toMatchObject({
        properties: { scope: "*", location: ".github/CODEOWNERS", users: ["alice"], teams: ["platform"] },
        relations: { repository: "small-repo" },
      });
    }
  });

  it("maps the objects our kind lists from the simulator the same way", async () => {
    const expected = mapWith(resource, index, casesOf(kind));
    const raw = await listFromSimulator(resource);
    expect(raw.length).toBeGreaterThan(0);
    const result = mapWith(resource, index, raw);
    expect(result.itemFailures).toEqual([]);
    expect(result.entities.length).toBeGreaterThan(0);
    const allowed = failingFields(expected);
    expect([...failingFields(result)].filter((field) => !allowed.has(field))).toEqual([]);
    const shape = (entity: object) => JSON.stringify(Object.keys(entity).sort());
    const ocean = expected.entities[0] as object;
    for (const entity of result.entities) {
      expect(shape(entity)).toBe(shape(ocean));
      expect(Object.keys(entity.properties).sort()).toEqual(
        Object.keys((ocean as { properties: object }).properties).sort(),
      );
      expectBlueprintFields(kindBlueprints[kind], entity);
    }
  });
});
