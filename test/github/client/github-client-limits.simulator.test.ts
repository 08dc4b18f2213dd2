import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isPortolanError } from "../../../src/engine/errors/portolan-error.js";
import { GitHubClient } from "../../../src/github/client/github-client.js";
import { graphqlQuery } from "../../../src/github/client/github-graphql.js";
import type { RateLimitPolicy } from "../../../src/github/client/rate-limit-policy.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { fastPolicy, silentLogger } from "../fake-github.js";

/** Waits in milliseconds, and never an hour for a primary reset. */
const policy: RateLimitPolicy = { ...fastPolicy, primary: { maxRetries: 1, maxWaitSeconds: 60 } };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("GitHubClient against the simulator's limits and faults", () => {
  let sim: RunningSimulator;
  let client: GitHubClient;
  const purpose = { purpose: "reading the organization" };

  beforeAll(async () => {
    sim = await startSimulator({ seed: 27, rateLimits: { secondaryRetryAfterSeconds: 2 } });
    client = GitHubClient.create({
      baseUrl: sim.url,
      credential: { type: "token", token: sim.adminToken },
      logger: silentLogger,
      policy,
    });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.faults.clear();
    sim.rateLimits.configure({ core: 5000, graphql: 5000 });
    sim.rateLimits.resetUsage();
    sim.requestLog.reset();
  });

  it("waits out a secondary rate limit's retry-after and gets the answer", async () => {
    sim.faults.add({ pathPattern: "/orgs/*", fault: "secondary-rate-limit", count: 2 });
    const organization = await client.get<{ login: string }>(
      "GET /orgs/{org}",
      { org: sim.organization },
      purpose,
    );
    expect(organization.login).toBe(sim.organization);
    expect(sim.requestLog.summary().byStatus).toEqual({ "200": 1, "403": 2 });
  });

  it("retries through a burst of server errors", async () => {
    sim.faults.add({ pathPattern: "/orgs/*", fault: "5xx", status: 502, count: 2 });
    sim.faults.add({ pathPattern: "/orgs/*", fault: "5xx", status: 503, count: 1 });
    const organization = await client.get<{ login: string }>(
      "GET /orgs/{org}",
      { org: sim.organization },
      purpose,
    );
    expect(organization.login).toBe(sim.organization);
    expect(sim.requestLog.summary().byStatus).toEqual({ "200": 1, "502": 2, "503": 1 });
  });

  it("reports GITHUB_RATE_LIMITED when the core budget is spent and its reset is beyond the wait policy", async () => {
    sim.rateLimits.configure({ core: 2 });
    await client.get("GET /user", {}, purpose);
    await client.get("GET /user", {}, purpose);
    const error = await rejection(client.get("GET /orgs/{org}", { org: sim.organization }, purpose));
    expect(isPortolanError(error) && error.code).toBe("GITHUB_RATE_LIMITED");
    expect(String((error as Error).message)).toMatch(/API rate limit exceeded for user ID \d+/);
  });

  it("reports GITHUB_RATE_LIMITED when the GraphQL budget cannot pay for a query", async () => {
    sim.rateLimits.configure({ graphql: 1 });
    await graphqlQuery(client, "query { viewer { login } }", {}, purpose);
    const error = await rejection(graphqlQuery(client, "query { viewer { login } }", {}, purpose));
    expect(isPortolanError(error) && error.code).toBe("GITHUB_RATE_LIMITED");
  });
});
