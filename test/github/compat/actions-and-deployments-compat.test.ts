/**
 * Compatibility of the kinds workflow, workflow-run, environment, deployment and deployment-status with
 * Ocean's mappings: every resource of these kinds in `shared/ocean/mappings/compat-port-app-config.yml`
 * applied to Ocean's own raw objects (`shared/ocean/cases/<kind>.json`) and to the raw objects the kinds
 * list from the simulator. Entities come out for both, with the fields Ocean's objects fill, and no
 * field fails on our objects that Ocean's objects fill.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RawObject } from "../../../src/engine/integration/integration.js";
import { compileResourceMapping } from "../../../src/engine/mapping/compile-resource-mapping.js";
import { mapRawItems } from "../../../src/engine/mapping/map-raw-items.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";
import { createGitHubIntegration } from "../../../src/github/create-github-integration.js";
import { kindBlueprints } from "../../../src/github/defaults/kind-blueprints/index.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";

const OCEAN = fileURLToPath(new URL("../../../../shared/ocean", import.meta.url));
const KINDS = ["workflow", "workflow-run", "environment", "deployment", "deployment-status"] as const;

const mapping = parsePortAppConfig(
  readFileSync(`${OCEAN}/mappings/compat-port-app-config.yml`, "utf8"),
  "compat-port-app-config.yml",
);
const resourcesOf = (kind: string) =>
  mapping.config.resources
    .map((resource, index) => ({ resource, index }))
    .filter(({ resource }) => resource.kind === kind);
const caseObjects = (kind: string) =>
  (JSON.parse(readFileSync(`${OCEAN}/cases/${kind}.json`, "utf8")) as { objects: RawObject[] }).objects;

let sim: RunningSimulator;
const listed = new Map<string, RawObject[]>();

beforeAll(async () => {
  sim = await startSimulator({ seed: 31, port: 0, logger: false });
  const integration = await createGitHubIntegration({
    githubHost: sim.url,
    githubToken: sim.adminToken,
    githubOrganization: sim.organization,
  });
  for (const name of KINDS) {
    const kind = integration.kinds.find((entry) => entry.name === name);
    if (!kind) throw new Error(`no kind ${name}`);
    const items: RawObject[] = [];
    const selector = name === "environment" ? { includeVariables: true } : {};
    for await (const page of kind.list({ selector: kind.selectorSchema.parse(selector), mappingOptions: {} }))
      items.push(...page);
    listed.set(name, items);
  }
});
afterAll(async () => {
  await sim?.close();
});

describe.each(KINDS)("kind %s", (kind) => {
  it("has resources in the compat mapping, Ocean cases and simulator objects", () => {
    expect(resourcesOf(kind).length).toBeGreaterThan(0);
    expect(caseObjects(kind).length).toBeGreaterThan(0);
    expect(listed.get(kind)?.length).toBeGreaterThan(0);
  });

  it("gives raw objects with every top-level key Ocean's objects have", () => {
    const ours = new Set((listed.get(kind) ?? []).flatMap((item) => Object.keys(item)));
    const theirs = new Set(caseObjects(kind).flatMap((item) => Object.keys(item)));
    expect([...theirs].filter((key) => !ours.has(key))).toEqual([]);
  });

  it("maps Ocean's objects and ours alike: same entity fields, no field failing that Ocean's objects fill", () => {
    for (const { resource, index } of resourcesOf(kind)) {
      const compiled = compileResourceMapping(resource, index);
      const ocean = mapRawItems(compiled, caseObjects(kind));
      const ours = mapRawItems(compiled, listed.get(kind) ?? []);
      const label = `resource ${index} (${kind})`;
      // Failures of a whole object (a selector that is not a boolean) must be the ones Ocean's objects have.
      expect(new Set(ours.itemFailures.map((failure) => failure.code)), label).toEqual(
        new Set(ocean.itemFailures.map((failure) => failure.code)),
      );
      if (ocean.entities.length === 0) {
        expect(ours.entities, label).toEqual([]);
        continue;
      }
      expect(ours.entities.length, label).toBeGreaterThan(0);
      const filled = (entities: typeof ours.entities) =>
        new Set(
          entities.flatMap((entity) => [
            ...Object.entries(entity.properties)
              .filter(([, v]) => v !== null)
              .map(([key]) => `properties.${key}`),
            ...Object.entries(entity.relations)
              .filter(([, v]) => v !== null)
              .map(([key]) => `relations.${key}`),
            ...(entity.title ? ["title"] : []),
          ]),
        );
      const oceanFilled = filled(ocean.entities);
      const ourFilled = filled(ours.entities);
      for (const field of oceanFilled) expect(ourFilled.has(field), `${label}: ${field}`).toBe(true);
      const oceanFailing = new Set(ocean.fieldFailures.map((failure) => failure.field));
      const ourFailing = new Set(ours.fieldFailures.map((failure) => failure.field));
      for (const field of ourFailing) {
        expect(
          oceanFailing.has(field) || !oceanFilled.has(field),
          `${label}: ${field} fails on our objects only`,
        ).toBe(true);
      }
      // Identifiers are unique among our entities, as the catalog needs.
      const identifiers = ours.entities.map((entity) => entity.identifier);
      expect(new Set(identifiers).size, label).toBe(identifiers.length);
    }
  });

  it("has a blueprint named as the mapping writes it, with every property the mapping sets", () => {
    for (const { resource } of resourcesOf(kind)) {
      const blueprint = resource.port.entity.mappings.blueprint.replaceAll('"', "");
      if (!blueprint.startsWith("github")) continue; // probes write to their own test blueprints
      expect(kindBlueprints[kind]?.identifier).toBe(blueprint);
      for (const property of Object.keys(resource.port.entity.mappings.properties ?? {})) {
        expect(kindBlueprints[kind]?.schema.properties, property).toHaveProperty(property);
      }
      for (const relation of Object.keys(resource.port.entity.mappings.relations ?? {})) {
        expect(kindBlueprints[kind]?.relations, relation).toHaveProperty(relation);
      }
    }
  });
});

describe("Ocean's cases give Ocean's identifiers", () => {
  const entities = (kind: string) => {
    const first = resourcesOf(kind)[0];
    if (!first) throw new Error(`no resource for ${kind}`);
    return mapRawItems(compileResourceMapping(first.resource, first.index), caseObjects(kind)).entities;
  };
  it.each([
    ["workflow", "small-repo174594841"],
    ["environment", "small-repoProduction"],
    ["deployment", "test-repo123"],
    ["deployment-status", "123456"],
  ])("%s → %s", (kind, identifier) => {
    expect(entities(kind).map((entity) => entity.identifier)).toContain(identifier);
  });
});
