/**
 * Which organizations a resync visits (spec §1.4 and the seed's "Multi GitHub organization support"),
 * each case through a real resync against the simulator holding two organizations the owner
 * administers: a classic token discovers them all, the mapping's `organizations` narrows that,
 * `githubOrganization` wins over `organizations`, `includeAuthenticatedUser` adds the token's user, a
 * fine-grained token needs `githubOrganization`, and a GitHub App visits each installation (or the one
 * `githubOrganization` names), whatever `organizations` says.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubIntegration } from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { type CatalogResync, openCatalogResync } from "../../support/catalog-resync.js";
import {
  addOrganization,
  addPersonalRepository,
  installApp,
  issueFineGrainedToken,
  ownerLogin,
} from "../../support/simulator-credentials.js";

const SECOND = "portolan-second";
const SECOND_REPOSITORIES = ["second-alpha", "second-beta"];
const KINDS = ["organization", "repository"];
const PERSONAL_REPOSITORY = "owner-notes";
/** What the default mapping's repository resource needs: Metadata, and Contents for its included files. */
const REPOSITORY_READ = { metadata: "read", contents: "read" } as const;

let simulator: RunningSimulator;
let seededRepositories: string[];
const opened: CatalogResync[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ seed: 41 });
  await addOrganization(simulator, SECOND, SECOND_REPOSITORIES);
  await installApp(simulator, SECOND, REPOSITORY_READ);
  await addPersonalRepository(simulator, PERSONAL_REPOSITORY);
  const seeded = simulator.state.findAccount(simulator.organization);
  seededRepositories = simulator.state
    .repositoriesOwnedBy(seeded?.id ?? -1)
    .map((repository) => repository.name)
    .sort();
  expect(seededRepositories.length).toBeGreaterThan(0);
});
afterAll(async () => {
  for (const harness of opened) await harness.close();
  await simulator?.close();
});

/** A fresh catalog, resynced once with `config` and the mapping's top-level `topLevel`. */
async function resyncWith(config: Record<string, unknown>, topLevel = "") {
  const harness = await openCatalogResync("precedence");
  opened.push(harness);
  const integration = await createGitHubIntegration({ githubHost: simulator.url, ...config });
  const summary = await harness.resync(integration, KINDS, { topLevel });
  return {
    summary,
    organizations: await harness.identifiers("githubOrganization"),
    repositories: await harness.identifiers("githubRepository"),
  };
}

const sorted = (...lists: string[][]) => lists.flat().sort();

describe("organizations a resync visits", { timeout: 120_000 }, () => {
  it("a classic token without githubOrganization discovers every organization of its user (GET /user/orgs)", async () => {
    const { summary, organizations, repositories } = await resyncWith({ githubToken: simulator.adminToken });
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(organizations).toEqual(sorted([simulator.organization, SECOND]));
    expect(repositories).toEqual(sorted(seededRepositories, SECOND_REPOSITORIES));
  });

  it("the mapping's organizations narrows a classic token's discovery (logins compared case-insensitively)", async () => {
    const { summary, organizations, repositories } = await resyncWith(
      { githubToken: simulator.adminToken },
      `organizations:\n  - ${SECOND.toUpperCase()}\n`,
    );
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(organizations).toEqual([SECOND]);
    expect(repositories).toEqual(SECOND_REPOSITORIES);
  });

  it("githubOrganization wins over the mapping's organizations (the seed's precedence rule)", async () => {
    const { summary, organizations, repositories } = await resyncWith(
      { githubToken: simulator.adminToken, githubOrganization: simulator.organization },
      `organizations:\n  - ${SECOND}\n`,
    );
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(organizations).toEqual([simulator.organization]);
    expect(repositories).toEqual(seededRepositories);
  });

  it("includeAuthenticatedUser adds the classic token's own account to the organizations", async () => {
    const { summary, organizations, repositories } = await resyncWith(
      { githubToken: simulator.adminToken },
      `includeAuthenticatedUser: true\norganizations:\n  - ${SECOND}\n`,
    );
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(organizations).toEqual(sorted([ownerLogin(simulator), SECOND]));
    // The personal account's own repositories (GET /user/repos?affiliation=owner), and the organization's.
    expect(repositories).toEqual(sorted([PERSONAL_REPOSITORY], SECOND_REPOSITORIES));
  });

  it("a fine-grained token without githubOrganization fails with GITHUB_ORGANIZATION_REQUIRED, naming the setting", async () => {
    const token = await issueFineGrainedToken(simulator, REPOSITORY_READ);
    const { summary, organizations } = await resyncWith({ githubToken: token });
    expect(summary.status).toBe("failed");
    expect(summary.errors.map((error) => error.code)).toEqual([
      "GITHUB_ORGANIZATION_REQUIRED",
      "GITHUB_ORGANIZATION_REQUIRED",
    ]);
    expect(summary.errors[0]?.message).toContain("githubOrganization is not set");
    expect(organizations).toEqual([]);
  });

  it("a fine-grained token with githubOrganization visits that organization", async () => {
    const token = await issueFineGrainedToken(simulator, REPOSITORY_READ, SECOND);
    const { summary, organizations, repositories } = await resyncWith(
      { githubToken: token, githubOrganization: SECOND },
      `organizations:\n  - ${simulator.organization}\n`,
    );
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(organizations).toEqual([SECOND]);
    expect(repositories).toEqual(SECOND_REPOSITORIES);
  });

  it("a GitHub App visits every installation and ignores the mapping's organizations", async () => {
    const { summary, organizations, repositories } = await resyncWith(
      {
        githubAppId: String(simulator.credentials.appId),
        githubAppPrivateKey: simulator.credentials.appPrivateKey,
      },
      `organizations:\n  - ${SECOND}\n`,
    );
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(organizations).toEqual(sorted([simulator.organization, SECOND]));
    expect(repositories).toEqual(sorted(seededRepositories, SECOND_REPOSITORIES));
  });

  it("githubOrganization selects the GitHub App's installation on that organization", async () => {
    const { summary, organizations, repositories } = await resyncWith({
      githubAppId: String(simulator.credentials.appId),
      githubAppPrivateKey: simulator.credentials.appPrivateKey,
      githubOrganization: SECOND,
    });
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(organizations).toEqual([SECOND]);
    expect(repositories).toEqual(SECOND_REPOSITORIES);
  });
});
