import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { call } from "../support/simulator-http.js";

interface RateLimitBody {
  resources: Record<string, { limit: number; used: number; remaining: number; reset: number }>;
  rate: { limit: number; used: number; remaining: number; reset: number };
}

/** A second classic token of the admin's user, issued through the control API. */
async function issueToken(sim: RunningSimulator): Promise<string> {
  const owner = sim.state.findAccountById(sim.state.findToken(sim.adminToken)?.userId ?? 0);
  const issued = await call<{ token: string }>(sim, "/_simulator/tokens", {
    method: "POST",
    body: { login: owner?.login, scopes: ["read:org"] },
  });
  expect(issued.status).toBe(201);
  return issued.body.token;
}

describe("primary rate limits", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 21, rateLimits: { core: 3, search: 2 } });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.rateLimits.resetUsage());

  it("refuses a spent core budget with GitHub's 403, remaining 0 and the reset time", async () => {
    for (const path of ["/user", "/user", "/user"]) expect((await call(sim, path)).status).toBe(200);
    const refused = await call<{ message: string; documentation_url: string }>(sim, "/user");
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/^API rate limit exceeded for user ID \d+\./);
    expect(refused.body.documentation_url).toContain("rate-limits-for-the-rest-api");
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("x-ratelimit-limit")).toBe("3");
    expect(refused.headers.get("x-ratelimit-used")).toBe("3");
    expect(refused.headers.get("x-ratelimit-resource")).toBe("core");
    const reset = Number(refused.headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThan(Date.now() / 1000 + 3500);
  });

  it("counts the github.com root and /api/v3 against one budget per credential", async () => {
    await call(sim, "/user");
    await call(sim, "/user", { base: sim.enterpriseUrl });
    const third = await call(sim, "/orgs/portolan-demo", { base: sim.enterpriseUrl });
    expect(third.headers.get("x-ratelimit-used")).toBe("3");
    expect((await call(sim, "/user")).status).toBe(403);
    // Another token of the same user has a budget of its own.
    expect((await call(sim, "/user", { token: await issueToken(sim) })).status).toBe(200);
  });

  it("charges nothing for a 304 nor for GET /rate_limit, which reports every bucket", async () => {
    const first = await call(sim, "/user");
    const etag = first.headers.get("etag") ?? "";
    const again = await call(sim, "/user", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    await call(sim, "/search/issues?q=bug");
    const limits = await call<RateLimitBody>(sim, "/rate_limit");
    expect(limits.status).toBe(200);
    expect(limits.body.resources.core).toMatchObject({ limit: 3, used: 1, remaining: 2 });
    expect(limits.body.resources.search).toMatchObject({ limit: 2, used: 1, remaining: 1 });
    expect(limits.body.resources.graphql).toMatchObject({ limit: 5000, used: 0, remaining: 5000 });
    expect(limits.body.resources.code_search).toMatchObject({ limit: 10 });
    expect(limits.body.rate).toEqual(limits.body.resources.core);
    expect((await call<RateLimitBody>(sim, "/rate_limit")).body.rate.used).toBe(1);
  });

  it("keeps search apart from core, with its own per-minute window", async () => {
    await call(sim, "/search/code?q=x");
    await call(sim, "/search/code?q=x");
    const refused = await call(sim, "/search/code?q=x");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-ratelimit-resource")).toBe("search");
    const reset = Number(refused.headers.get("x-ratelimit-reset"));
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    expect((await call(sim, "/user")).status).toBe(200);
  });

  it("changes limits through the control API, effective at once", async () => {
    const changed = await call<{ core: number; search: number }>(sim, "/_simulator/rate-limits", {
      method: "PATCH",
      body: { core: 1 },
    });
    expect(changed.body).toMatchObject({ core: 1, search: 2 });
    await call(sim, "/user");
    expect((await call(sim, "/user")).status).toBe(403);
    const invalid = await call<{ message: string }>(sim, "/_simulator/rate-limits", {
      method: "PATCH",
      body: { core: -1 },
    });
    expect(invalid.status).toBe(422);
    await call(sim, "/_simulator/rate-limits/usage", { method: "DELETE" });
    expect((await call(sim, "/user")).status).toBe(200);
    sim.rateLimits.configure({ core: 3 });
    expect((await call<{ core: number }>(sim, "/_simulator/rate-limits")).body.core).toBe(3);
  });

  it("shares one budget between tokens the state gives the same rateLimitKey", async () => {
    const issued = await issueToken(sim);
    for (const token of [sim.adminToken, issued]) {
      const record = sim.state.findToken(token);
      if (!record) throw new Error("token not in the state");
      Object.assign(record, { rateLimitKey: "installation:1" });
    }
    await call(sim, "/user");
    await call(sim, "/user", { token: issued });
    await call(sim, "/user");
    expect((await call(sim, "/user", { token: issued })).status).toBe(403);
    for (const token of [sim.adminToken, issued]) {
      const record = sim.state.findToken(token);
      if (record) Reflect.deleteProperty(record, "rateLimitKey");
    }
  });
});

describe("rate-limit options", () => {
  it("refuses invalid limits at start, saying where", async () => {
    await expect(startSimulator({ rateLimits: { core: 1.5 } })).rejects.toMatchObject({
      code: "SIMULATOR_INVALID_RATE_LIMITS",
      where: { path: "rateLimits" },
    });
  });
});
