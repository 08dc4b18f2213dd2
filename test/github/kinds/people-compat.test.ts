/**
 * Compatibility of the people kinds with Ocean's mappings: the compatibility mapping's `user`, `team` and
 * `collaborator` resources applied to Ocean's own raw objects (`shared/ocean/cases/<kind>.json`) and to the
 * raw objects this integration lists from the simulator. Every field some Ocean example fills must be
 * filled for the simulator's objects too (at least for one of them: real data has nulls).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntegrationKind, RawObject } from "../../../src/engine/integration/integration.js";
import { compileResourceMapping } from "../../../src/engine/mapping/compile-resource-mapping.js";
import { mapRawItems } from "../../../src/engine/mapping/map-raw-items.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";
import { createGitHubIntegration } from "../../../src/github/create-github-integration.js";
import { kindBlueprints } from "../../../src/github/defaults/kind-blueprints/index.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";

const OCEAN = fileURLToPath(new URL("../../../../shared/ocean/", import.meta.url));
const mapping = parsePortAppConfig(readFileSync(`${OCEAN}mappings/compat-port-app-config.yml`, "utf8"));

function caseObjects(kind: string): RawObject[] {
  return (JSON.parse(readFileSync(`${OCEAN}cases/${kind}.json`, "utf8")) as { objects: RawObject[] }).objects;
}

/** Fields that gave a value for at least one object, and the entities. */
function mapWith(index: number, objects: RawObject[]) {
  const resource = mapping.config.resources[index];
  if (!resource) throw new Error(`no resource ${index}`);
  const compiled = compileResourceMapping(resource, index);
  const perObject = objects.map((object) => mapRawItems(compiled, [object]));
  const fields = new Set<string>();
  for (const result of perObject) for (const failure of result.fieldFailures) fields.add(failure.field);
  const filled = new Set<string>();
  for (const field of fields) {
    if (
      perObject.some(
        (result) => result.entities.length > 0 && !result.fieldFailures.some((f) => f.field === field),
      )
    ) {
      filled.add(field);
    }
  }
  return { entities: perObject.flatMap((result) => result.entities), failing: fields, filled };
}

let simulator: RunningSimulator;
const listed = new Map<string, RawObject[]>();

beforeAll(async () => {
  simulator = await startSimulator({ seed: 12 });
  const integration = await createGitHubIntegration({
    githubHost: simulator.url,
    githubToken: simulator.adminToken,
    githubOrganization: simulator.organization,
  });
  for (const name of ["user", "team", "collaborator"]) {
    const kind = integration.kinds.find((entry) => entry.name === name) as IntegrationKind;
    const objects: RawObject[] = [];
    for await (const page of kind.list({ selector: kind.selectorSchema.parse({}), mappingOptions: {} }))
      objects.push(...page);
    listed.set(name, objects);
  }
});
afterAll(() => simulator.close());

describe.each(["user", "team", "collaborator"])("compatibility mapping, kind %s", (kind) => {
  const resources = mapping.config.resources
    .map((resource, index) => ({ resource, index }))
    .filter(({ resource }) => resource.kind === kind);

  it("has resources of the kind in the compatibility mapping", () => {
    expect(resources.length).toBeGreaterThan(0);
  });

  it("maps Ocean's example objects and the simulator's objects with the same fields filled", () => {
    for (const { index } of resources) {
      const examples = mapWith(index, caseObjects(kind));
      const ours = mapWith(index, listed.get(kind) ?? []);
      expect(ours.entities.length, `resource ${index}`).toBeGreaterThan(0);
      // A field Ocean's examples fill must never fail for every simulated object.
      const neverFilled = [...examples.filled].filter(
        (field) => ours.failing.has(field) && !ours.filled.has(field),
      );
      const unfilledByExamples = [...ours.failing].filter(
        (field) => !examples.failing.has(field) && !ours.filled.has(field),
      );
      expect(neverFilled, `resource ${index}`).toEqual([]);
      expect(unfilledByExamples, `resource ${index}`).toEqual([]);
    }
  });

  it("writes to a blueprint this integration offers for the kind", () => {
    const first = resources[0];
    if (!first) throw new Error("no resource");
    const entity = mapWith(first.index, listed.get(kind) ?? []).entities[0];
    expect(entity?.blueprint).toBe(kindBlueprints[kind]?.identifier);
    for (const property of Object.keys(entity?.properties ?? {})) {
      expect(kindBlueprints[kind]?.schema.properties, property).toHaveProperty(property);
    }
    for (const relation of Object.keys(entity?.relations ?? {})) {
      expect(kindBlueprints[kind]?.relations, relation).toHaveProperty(relation);
    }
  });
});
