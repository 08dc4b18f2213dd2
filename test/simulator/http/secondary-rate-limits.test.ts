import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { call } from "../support/simulator-http.js";

describe("secondary rate limits", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 23, rateLimits: { secondaryRetryAfterSeconds: 7 } });
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.faults.clear();
    sim.rateLimits.configure({
      concurrentRequests: 100,
      restPointsPerMinute: 900,
      graphqlPointsPerMinute: 2000,
    });
    sim.rateLimits.resetUsage();
  });

  it("refuses a credential's request beyond its concurrent ones with 429 and retry-after", async () => {
    sim.rateLimits.configure({ concurrentRequests: 1 });
    // A slow answer keeps the first request in flight.
    sim.faults.add({ pathPattern: "/orgs/*", fault: "timeout", delayMs: 400 });
    const slow = call(sim, "/orgs/portolan-demo");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await call<{ message: string }>(sim, "/user", { base: sim.enterpriseUrl });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("7");
    expect(refused.body.message).toMatch(/^You have exceeded a secondary rate limit\./);
    expect((await slow).status).toBe(200);
    // Once the slow one is answered, the credential may send again.
    expect((await call(sim, "/user")).status).toBe(200);
  });

  it("counts points per minute: 1 per GET, 5 per write; refused requests cost no primary budget", async () => {
    sim.rateLimits.configure({ restPointsPerMinute: 7, graphqlPointsPerMinute: 1 });
    const patched = await call(sim, "/orgs/portolan-demo", { method: "PATCH", body: { description: "x" } });
    expect(patched.status).not.toBe(429);
    expect((await call(sim, "/user")).status).toBe(200);
    const used = (await call(sim, "/user")).headers.get("x-ratelimit-used");
    const refused = await call(sim, "/user");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-ratelimit-used")).toBe(used);
    // GraphQL has its own points per minute.
    const graphql = await call(sim, "/graphql", {
      method: "POST",
      body: { query: "query { viewer { login } }" },
    });
    expect(graphql.status).toBe(200);
  });
});
