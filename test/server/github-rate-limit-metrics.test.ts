import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { type RunningPortolan, startPortolan } from "../../src/cli/start-portolan.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../src/engine/settings/settings-schema.js";
import { GitHubClient, type GitHubCredential } from "../../src/github/client/github-client.js";
import { graphqlQuery } from "../../src/github/client/github-graphql.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";

/**
 * GitHub's quota per credential and bucket reaches Portolan's `/metrics` from the headers of the
 * simulator's responses, labelled without the secret.
 */
describe("GitHub rate-limit metrics", () => {
  let simulator: RunningSimulator;
  let portolan: RunningPortolan;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 11, port: 0, logger: false });
    portolan = await startPortolan({
      settings: settingsSchema.parse({
        integration: {
          identifier: "github",
          type: "github",
          config: { githubHost: simulator.url, githubToken: simulator.adminToken },
        },
        port: 0,
        adminPassword: "rate limit metrics admin",
      }),
      logger: silentLogger(),
      mapping: (defaultMapping) => demoMapping(defaultMapping, ["organization"]),
      inMemory: true,
    });
  });
  afterAll(async () => {
    await portolan?.close();
    await simulator?.close();
  });

  function client(credential: GitHubCredential): GitHubClient {
    return GitHubClient.create({ baseUrl: simulator.url, credential, logger: silentLogger() });
  }

  async function metric(name: string, resource: string): Promise<{ credential: string; value: number }[]> {
    const text = await (await fetch(`${portolan.url}/metrics`)).text();
    const pattern = new RegExp(`^${name}\\{credential="([^"]+)",resource="${resource}"\\} (\\S+)$`, "gm");
    return [...text.matchAll(pattern)].map((match) => ({
      credential: match[1] ?? "",
      value: Number(match[2]),
    }));
  }

  it("reports remaining and limit per bucket for a token, as the last response said, without the token", async () => {
    await portolan.integration.verifyAccess();
    const pat = client({ type: "token", token: simulator.adminToken });
    await pat.request(
      "GET /search/repositories",
      { q: `org:${simulator.organization}` },
      { purpose: "searching" },
    );
    await graphqlQuery(pat, "{ viewer { login } }", {}, { purpose: "asking who we are" });
    const core = await pat.request("GET /user", {}, { purpose: "reading the user" });

    const coreRemaining = await metric("portolan_github_rate_limit_remaining", "core");
    const label = coreRemaining.map((entry) => entry.credential).find((name) => name.startsWith("classic:"));
    expect(label).toMatch(/^classic:[0-9a-f]{12}$/);
    expect(coreRemaining).toContainEqual({
      credential: label,
      value: Number(core.headers["x-ratelimit-remaining"]),
    });
    expect(await metric("portolan_github_rate_limit_limit", "core")).toContainEqual({
      credential: label,
      value: Number(core.headers["x-ratelimit-limit"]),
    });
    for (const bucket of ["search", "graphql"]) {
      const remaining = (await metric("portolan_github_rate_limit_remaining", bucket)).find(
        (entry) => entry.credential === label,
      );
      expect(remaining, bucket).toBeDefined();
      expect(remaining?.value).toBeLessThan(
        (await metric("portolan_github_rate_limit_limit", bucket)).find((entry) => entry.credential === label)
          ?.value ?? 0,
      );
    }
    const text = await (await fetch(`${portolan.url}/metrics`)).text();
    expect(text).not.toContain(simulator.adminToken);
  });

  it("labels a GitHub App installation by its ids", async () => {
    const { appId, appPrivateKey, installationId } = simulator.credentials;
    const app = client({ type: "app", appId: String(appId), privateKey: appPrivateKey, installationId });
    const response = await app.request(
      "GET /installation/repositories",
      {},
      { purpose: "listing repositories" },
    );
    expect(await metric("portolan_github_rate_limit_remaining", "core")).toContainEqual({
      credential: `app:${appId}:installation:${installationId}`,
      value: Number(response.headers["x-ratelimit-remaining"]),
    });
  });
});
