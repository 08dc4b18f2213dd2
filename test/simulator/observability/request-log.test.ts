import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RequestLogSummary } from "../../../src/simulator/start-simulator.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { call } from "../support/simulator-http.js";

describe("request log", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 26 });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    expect((await call(sim, "/_simulator/requests", { method: "DELETE" })).status).toBe(204);
  });

  it("counts requests per endpoint pattern, credential, bucket and status, control calls aside", async () => {
    const first = await call(sim, "/orgs/portolan-demo");
    await call(sim, "/orgs/portolan-demo", { base: sim.enterpriseUrl });
    await call(sim, "/orgs/portolan-demo", { headers: { "if-none-match": first.headers.get("etag") ?? "" } });
    await call(sim, "/graphql", { method: "POST", body: { query: "{ viewer { login } }" } });
    await call(sim, "/user", { token: "ghp_not_a_real_token" });
    await call(sim, "/no/such/path");
    await call(sim, "/search/issues?q=x");
    sim.faults.add({ pathPattern: "/user", fault: "reset", count: 1 });
    await fetch(`${sim.url}/user`, { headers: { authorization: `Bearer ${sim.adminToken}` } }).catch(
      () => undefined,
    );

    const summary = (await call<RequestLogSummary>(sim, "/_simulator/requests")).body;
    expect(summary.total).toBe(8);
    expect(summary.byEndpoint).toEqual({
      "GET (unmatched)": 2,
      "GET /api/v3/orgs/{org}": 1,
      "GET /orgs/{org}": 2,
      "GET /user": 2,
      "POST /graphql": 1,
    });
    const admin = Object.keys(summary.byCredential).find((label) => label.startsWith("classic:user-"));
    expect(admin).toMatch(/^classic:user-\d+:[0-9a-f]{8}$/);
    expect(summary.byCredential).toEqual({ [admin ?? ""]: 7, anonymous: 1 });
    expect(summary.byBucket).toEqual({ core: 6, graphql: 1, search: 1 });
    expect(summary.byStatus).toEqual({ "200": 3, "304": 1, "401": 1, "404": 2, reset: 1 });
    expect(summary.byFault).toEqual({ reset: 1 });
    expect(JSON.stringify(summary)).not.toContain(sim.adminToken);
    expect(sim.requestLog.summary()).toEqual(summary);
  });

  it("starts afresh after a reset, through the control API or the running simulator", async () => {
    await call(sim, "/user");
    expect(sim.requestLog.summary().total).toBe(1);
    sim.requestLog.reset();
    expect(sim.requestLog.summary()).toEqual({
      total: 0,
      byEndpoint: {},
      byCredential: {},
      byBucket: {},
      byStatus: {},
      byFault: {},
    });
  });
});
