/**
 * All 22 kinds at GitHub Enterprise Server paths (`githubHost: …/api/v3`, GraphQL at `/api/graphql`)
 * against the simulator, with the demo's mapping (Ocean's default plus a resource for every other kind):
 * every kind syncs entities and none fails, every request goes to the Enterprise Server paths, and the
 * catalog holds the same entities, property for property, as a resync at github.com paths — once the
 * Enterprise Server's API root (`…/api/v3`) inside URLs is written as the simulator's root. (Each auth mode at GHES paths, for one kind per permission class:
 * `test/github/auth/enterprise-server-auth-modes.simulator.test.ts`.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubIntegration } from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { type CatalogResync, openCatalogResync } from "../../support/catalog-resync.js";

let simulator: RunningSimulator;
const harnesses: CatalogResync[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ seed: 22 });
});
afterAll(async () => {
  for (const harness of harnesses) await harness.close();
  await simulator?.close();
});

/**
 * A resync of every kind from `githubHost` into a fresh catalog: its summary, and every entity by
 * blueprint and identifier as JSON, the Enterprise Server's API root written as the simulator's root.
 */
async function resyncEveryKind(githubHost: string) {
  const integration = await createGitHubIntegration({
    githubHost,
    githubToken: simulator.adminToken,
    githubOrganization: simulator.organization,
  });
  const kinds = integration.kinds.map((kind) => kind.name);
  const harness = await openCatalogResync("every-kind");
  harnesses.push(harness);
  const summary = await harness.resync(integration, kinds);
  const entities: Record<string, Map<string, string>> = {};
  for (const blueprint of await harness.catalog.listBlueprints()) {
    const { entities: listed } = await harness.catalog.listEntities(blueprint.identifier, {
      limit: 100_000,
      offset: 0,
    });
    if (listed.length === 0) continue;
    entities[blueprint.identifier] = new Map(
      listed.map(({ identifier, title, properties, relations }) => [
        identifier,
        JSON.stringify({ title, properties, relations }).replaceAll(simulator.enterpriseUrl, simulator.url),
      ]),
    );
  }
  return { kinds, summary, entities };
}

describe("every kind at GitHub Enterprise Server paths", { timeout: 240_000 }, () => {
  it("syncs the entities github.com paths sync, and only through /api/ paths", async () => {
    const atGitHubCom = await resyncEveryKind(simulator.url);
    const before = simulator.requestLog.summary().byEndpoint;
    const atEnterprise = await resyncEveryKind(simulator.enterpriseUrl);
    const after = simulator.requestLog.summary().byEndpoint;

    expect(atEnterprise.kinds).toHaveLength(22);
    for (const { summary } of [atGitHubCom, atEnterprise]) {
      expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
      for (const kind of atEnterprise.kinds) {
        expect(summary.kinds[kind]?.seen, `${kind} synced no entity`).toBeGreaterThan(0);
        expect(summary.kinds[kind]?.failed, kind).toBe(0);
      }
    }
    expect(Object.keys(atEnterprise.entities).sort()).toEqual(Object.keys(atGitHubCom.entities).sort());
    // Each difference named by blueprint and identifier, not printed as whole catalogs.
    const differences: string[] = [];
    for (const [blueprint, entities] of Object.entries(atGitHubCom.entities)) {
      const enterprise = atEnterprise.entities[blueprint] ?? new Map<string, string>();
      expect([...enterprise.keys()].sort(), blueprint).toEqual([...entities.keys()].sort());
      for (const [identifier, entity] of entities)
        if (enterprise.get(identifier) !== entity)
          differences.push(
            `${blueprint} ${identifier}: ${entity} ≠ ${enterprise.get(identifier)}`.slice(0, 600),
          );
    }
    expect(differences).toEqual([]);

    const grown = Object.keys(after).filter((endpoint) => after[endpoint] !== before[endpoint]);
    expect(grown).toContain("POST /api/graphql");
    for (const endpoint of grown) expect(endpoint).toMatch(/^(GET|POST) \/api\//);
  });
});
