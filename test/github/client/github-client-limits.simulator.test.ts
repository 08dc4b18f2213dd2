import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isPortolanError } from "../../../src/engine/errors/portolan-error.js";
import { GitHubClient } from "../../../src/github/client/github-client.js";
import { graphqlQuery } from "../../../src/github/client/github-graphql.js";
import type { RateLimitPolicy } from "../../../src/github/client/rate-limit-policy.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { issueFineGrainedToken } from "../../support/simulator-credentials.js";
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

  it("retries a dropped connection and an answer cut mid-body, and gets the whole answer", async () => {
    sim.faults.add({ pathPattern: "/orgs/*", fault: "reset", count: 1 });
    sim.faults.add({ pathPattern: "/orgs/*", fault: "truncated", count: 1 });
    const organization = await client.get<{ login: string }>(
      "GET /orgs/{org}",
      { org: sim.organization },
      purpose,
    );
    expect(organization.login).toBe(sim.organization);
    expect(sim.faults.list().map((rule) => rule.fired)).toEqual([1, 1]);
    expect(sim.requestLog.summary().byFault).toEqual({ reset: 1, truncated: 1 });
  });

  it("reports GITHUB_UNREACHABLE when every attempt's connection is dropped", async () => {
    sim.faults.add({ pathPattern: "/orgs/*", fault: "reset" });
    const error = await rejection(client.get("GET /orgs/{org}", { org: sim.organization }, purpose));
    expect(isPortolanError(error) && error.code, String(error)).toBe("GITHUB_UNREACHABLE");
    expect(sim.faults.list()[0]?.fired).toBeGreaterThan(1);
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

  it("classifies GitHub's refusals, each once and without a retry: 401, 403 for a permission, 404, 422", async () => {
    const withToken = (token: string) =>
      GitHubClient.create({
        baseUrl: sim.url,
        credential: { type: "token", token },
        logger: silentLogger,
        policy,
      });
    const withoutPullRequests = await issueFineGrainedToken(sim, { metadata: "read" });
    const [repository] = sim.state.repositoriesOwnedBy(sim.state.findAccount(sim.organization)?.id ?? -1);
    const cases: Array<[status: string, request: () => Promise<unknown>, code: string]> = [
      [
        "401",
        () => withToken("ghp_000000000000000000000000000000000000").get("GET /user", {}, purpose),
        "GITHUB_BAD_CREDENTIALS",
      ],
      [
        "403",
        () =>
          withToken(withoutPullRequests).get(
            "GET /repos/{owner}/{repo}/pulls",
            { owner: sim.organization, repo: repository?.name ?? "" },
            purpose,
          ),
        "GITHUB_MISSING_PERMISSION",
      ],
      [
        "404",
        () =>
          client.get(
            "GET /repos/{owner}/{repo}",
            { owner: sim.organization, repo: "no-such-repository" },
            purpose,
          ),
        "GITHUB_NOT_FOUND",
      ],
      ["422", () => client.get("GET /search/repositories", {}, purpose), "GITHUB_REQUEST_FAILED"],
    ];
    for (const [status, request, code] of cases) {
      const error = await rejection(request());
      expect(isPortolanError(error) && error.code, status).toBe(code);
    }
    expect(sim.requestLog.summary().byStatus).toEqual({ "401": 1, "403": 1, "404": 1, "422": 1 });
  });
});
