import { describe, expect, it } from "vitest";
import { GitHubClient } from "../../../src/github/client/github-client.js";
import { quotaResourceOf, RateLimitBudget } from "../../../src/github/client/rate-limit-budget.js";
import { FakeGitHub, fastPolicy, silentLogger } from "../fake-github.js";

const quota = (remaining: number, resetInSeconds: number, resource = "core") => ({
  "x-ratelimit-limit": "100",
  "x-ratelimit-remaining": String(remaining),
  "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + resetInSeconds),
  "x-ratelimit-resource": resource,
});

describe("resyncRatelimitReservationThreshold", () => {
  it("pauses resync requests past the threshold until the reset, never live ones", async () => {
    const waits: number[] = [];
    const fake = new FakeGitHub().on("GET", "/user", (_request, call) => ({
      body: { login: "me" },
      headers: quota(call <= 2 ? 4 : 99, 60),
    }));
    const client = GitHubClient.create({
      baseUrl: "https://api.github.com",
      credential: { type: "token", token: "ghp_budget" },
      logger: silentLogger,
      fetch: fake.fetch,
      policy: fastPolicy,
      reservationThresholdPercent: 95,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await client.get("GET /user", {}, { purpose: "t", traffic: "resync" }); // leaves 4 of 100: 96 % used
    await client.get("GET /user", {}, { purpose: "t" }); // live: no wait
    expect(waits).toEqual([]);
    await client.get("GET /user", {}, { purpose: "t", traffic: "resync" });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(55_000);
    expect(waits[0]).toBeLessThanOrEqual(62_000);
    await client.get("GET /user", {}, { purpose: "t", traffic: "resync" }); // 1 % used now
    expect(waits).toHaveLength(1);
  });

  it("keeps the search quota apart from the core quota", async () => {
    const waits: number[] = [];
    const budget = new RateLimitBudget({ thresholdPercent: 50, sleep: async (ms) => void waits.push(ms) });
    budget.observe(quota(10, 60, "search"));
    await budget.reserve("resync", "core");
    expect(waits).toEqual([]);
    await budget.reserve("resync", "search");
    expect(waits).toHaveLength(1);
    expect(quotaResourceOf("GET /search/repositories")).toBe("search");
    expect(quotaResourceOf("GET https://ghe.example.com/api/v3/search/code?q=x")).toBe("search");
    expect(quotaResourceOf("GET /repos/acme/search/contents/README.md")).toBe("core");
    expect(quotaResourceOf("POST https://api.github.com/graphql")).toBe("graphql");
    expect(quotaResourceOf("POST https://ghe.example.com/api/graphql")).toBe("graphql");
  });

  it("forgets a quota whose reset has passed", async () => {
    const waits: number[] = [];
    const budget = new RateLimitBudget({ thresholdPercent: 10, sleep: async (ms) => void waits.push(ms) });
    budget.observe(quota(0, -5));
    await budget.reserve("resync", "core");
    expect(waits).toEqual([]);
  });

  it("tells background work, without waiting, whether a quota is down to its reserved part", () => {
    const budget = new RateLimitBudget({ thresholdPercent: 95, sleep: async () => undefined });
    expect(budget.isReserved("core")).toBe(false);
    budget.observe(quota(50, 60));
    expect(budget.isReserved("core")).toBe(false);
    budget.observe(quota(4, 60));
    expect(budget.isReserved("core")).toBe(true);
    expect(budget.isReserved("search")).toBe(false);
    budget.observe(quota(4, -5));
    expect(budget.isReserved("core")).toBe(false);
  });
});
