/**
 * Each auth mode against a GitHub Enterprise Server base URL (`githubHost: …/api/v3`, GraphQL at
 * `/api/graphql`), through a real resync against the simulator: the classic token, the seeded
 * fine-grained token and the seeded GitHub App each have their kind detected, pass the start-up
 * permission check, and sync exactly the entities a classic token syncs at github.com paths — REST
 * kinds, and teams with their members (GraphQL).
 * (github.com paths for each mode: `test/github/simulator-credentials.test.ts`.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindMapping } from "../../../src/engine/mapping/bind-mapping.js";
import { parsePortAppConfig } from "../../../src/engine/mapping/parse-port-app-config.js";
import type { TokenKind } from "../../../src/github/client/token-kind.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { type CatalogResync, openCatalogResync } from "../../support/catalog-resync.js";

/** One kind per permission class: Metadata and Contents, Pull requests, Members (GraphQL), Actions, Dependabot. */
const KINDS = ["organization", "repository", "pull-request", "team", "workflow", "dependabot-alert"];
const BLUEPRINTS = [
  "githubOrganization",
  "githubRepository",
  "githubPullRequest",
  "githubTeam",
  "githubWorkflow",
  "githubDependabotAlert",
];

let simulator: RunningSimulator;
const harnesses: CatalogResync[] = [];
let reference: Record<string, string[]>;

/** A resync into a fresh catalog; every blueprint's identifiers afterwards. */
async function resyncAll(integration: GitHubIntegration): Promise<Record<string, string[]>> {
  const harness = await openCatalogResync("enterprise-server");
  harnesses.push(harness);
  const summary = await harness.resync(integration, KINDS);
  expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
  const entities: Record<string, string[]> = {};
  for (const blueprint of BLUEPRINTS) entities[blueprint] = await harness.identifiers(blueprint);
  return entities;
}

beforeAll(async () => {
  simulator = await startSimulator({ seed: 45 });
  reference = await resyncAll(
    await createGitHubIntegration({
      githubHost: simulator.url,
      githubToken: simulator.adminToken,
      githubOrganization: simulator.organization,
    }),
  );
  for (const blueprint of BLUEPRINTS) expect(reference[blueprint]?.length, blueprint).toBeGreaterThan(0);
}, 180_000);
afterAll(async () => {
  for (const harness of harnesses) await harness.close();
  await simulator?.close();
});

describe("each auth mode against a GitHub Enterprise Server base URL", { timeout: 180_000 }, () => {
  const modes: Array<[string, TokenKind, () => Record<string, unknown>]> = [
    ["a classic token", "classic", () => ({ githubToken: simulator.adminToken })],
    ["the fine-grained token", "fine-grained", () => ({ githubToken: simulator.credentials.fineGrainedPat })],
    [
      "the GitHub App",
      "installation",
      () => ({
        githubAppId: String(simulator.credentials.appId),
        githubAppPrivateKey: simulator.credentials.appPrivateKey,
      }),
    ],
  ];

  it.each(modes)(
    "%s is detected, passes the permission check and syncs what github.com paths sync",
    async (_name, kind, credentials) => {
      const requestsBefore = simulator.requestLog.summary().byEndpoint;
      const integration = await createGitHubIntegration({
        githubHost: simulator.enterpriseUrl,
        githubOrganization: simulator.organization,
        ...credentials(),
      });
      expect(integration.tokenKind).toBe(kind);
      expect((await integration.verifyAccess()).organizations).toEqual([
        { login: simulator.organization, type: "Organization" },
      ]);
      const mapping = bindMapping(parsePortAppConfig(integration.defaultMapping()), integration);
      expect(await integration.checkPermissions(mapping)).toEqual([]);

      expect(await resyncAll(integration)).toEqual(reference);
      // Everything went to the Enterprise Server paths, GraphQL included.
      const requests = simulator.requestLog.summary().byEndpoint;
      const grown = Object.keys(requests).filter(
        (endpoint) => requests[endpoint] !== requestsBefore[endpoint],
      );
      expect(grown.length).toBeGreaterThan(0);
      for (const endpoint of grown) expect(endpoint).toMatch(/^(GET|POST) \/api\//);
      expect(grown).toContain("POST /api/graphql");
    },
  );
});
