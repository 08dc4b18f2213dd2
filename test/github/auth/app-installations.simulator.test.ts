/**
 * A GitHub App installed on two organizations, resynced against the simulator: one authenticator (and
 * client, and installation token) per installation — each organization's requests carry only its own
 * installation's tokens — and installation tokens that expire in the middle of the resync are renewed
 * before GitHub would refuse them, so the resync completes with every organization's entities.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubIntegration } from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { type CatalogResync, openCatalogResync } from "../../support/catalog-resync.js";
import {
  addOrganization,
  installApp,
  setInstallationTokenLifetime,
} from "../../support/simulator-credentials.js";

const SECOND = "portolan-branch-office";
const SECOND_REPOSITORIES = ["office-alpha", "office-beta"];
const TOKEN_LIFETIME_SECONDS = 2;

let simulator: RunningSimulator;
let harness: CatalogResync;
let secondInstallation: number;

beforeAll(async () => {
  simulator = await startSimulator({ seed: 43 });
  await addOrganization(simulator, SECOND, SECOND_REPOSITORIES);
  secondInstallation = await installApp(simulator, SECOND, {
    metadata: "read",
    contents: "read",
    issues: "read",
  });
  await setInstallationTokenLifetime(simulator, TOKEN_LIFETIME_SECONDS);
  harness = await openCatalogResync("app-installations");
});
afterAll(async () => {
  await harness?.close();
  await simulator?.close();
});

/** Who minted which token, and which token each other request carried. */
interface Traffic {
  mintedBy: Map<string, number>;
  requests: Array<{ path: string; token: string }>;
}

/** A `fetch` that records installation-token mints and the token every API request sends. */
function recordingFetch(traffic: Traffic): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const response = await fetch(input, init);
    const minted = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname);
    if (minted && response.ok) {
      const { token } = (await response.clone().json()) as { token: string };
      traffic.mintedBy.set(token, Number(minted[1]));
    } else if (!url.pathname.startsWith("/app")) {
      const token = (headers.get("authorization") ?? "").replace(/^(token|bearer) /i, "");
      traffic.requests.push({ path: url.pathname, token });
    }
    return response;
  };
}

describe("a GitHub App on two organizations", { timeout: 180_000 }, () => {
  it("uses one installation per organization and renews tokens that expire mid-resync", async () => {
    const traffic: Traffic = { mintedBy: new Map(), requests: [] };
    const integration = await createGitHubIntegration(
      {
        githubHost: simulator.url,
        githubAppId: String(simulator.credentials.appId),
        githubAppPrivateKey: simulator.credentials.appPrivateKey,
      },
      { fetch: recordingFetch(traffic) },
    );
    // Each organization's first repository listing is answered after the tokens' whole lifetime, so every
    // later request of both installations needs a token minted after the resync began.
    simulator.faults.add({
      pathPattern: "/orgs/*/repos",
      fault: "timeout",
      delayMs: (TOKEN_LIFETIME_SECONDS + 1) * 1000,
      count: 2,
    });
    simulator.requestLog.reset();

    const summary = await harness.resync(integration, ["organization", "repository", "issue"]);

    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(simulator.faults.list()[0]?.fired).toBe(2);
    // The simulator answers 401 to an expired token: none was sent.
    expect(simulator.requestLog.summary().byStatus["401"]).toBeUndefined();
    expect(await harness.identifiers("githubOrganization")).toEqual([simulator.organization, SECOND].sort());
    const seeded = simulator.state.findAccount(simulator.organization);
    const repositories = simulator.state.repositoriesOwnedBy(seeded?.id ?? -1).map((repo) => repo.name);
    expect(await harness.identifiers("githubRepository")).toEqual(
      [...repositories, ...SECOND_REPOSITORIES].sort(),
    );
    expect(summary.kinds.issue?.seen).toBeGreaterThan(0);

    // Each organization's requests carried tokens of its own installation only.
    const installationOf = (login: string) =>
      login === SECOND ? secondInstallation : simulator.credentials.installationId;
    for (const { path, token } of traffic.requests) {
      const owner = /^\/(?:orgs|repos|users)\/([^/]+)/.exec(path)?.[1];
      if (owner === undefined) continue;
      expect(traffic.mintedBy.get(token), `${path} sent a token of another installation`).toBe(
        installationOf(owner),
      );
    }
    // …and each installation's token was renewed during the resync.
    for (const installation of [simulator.credentials.installationId, secondInstallation]) {
      const minted = [...traffic.mintedBy.values()].filter((id) => id === installation);
      expect(minted.length, `tokens minted for installation ${installation}`).toBeGreaterThanOrEqual(2);
    }
  });
});
