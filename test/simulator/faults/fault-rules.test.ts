import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { compilePathPattern } from "../../../src/simulator/faults/path-pattern.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { call } from "../support/simulator-http.js";

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("path patterns", () => {
  it("matches globs by segment (*) or across segments (**), and regular expressions after ^", () => {
    expect(compilePathPattern("/repos/*/*/pulls").test("/repos/acme/api/pulls")).toBe(true);
    expect(compilePathPattern("/repos/*/pulls").test("/repos/acme/api/pulls")).toBe(false);
    expect(compilePathPattern("/orgs/**").test("/orgs/acme/teams/x/members")).toBe(true);
    expect(compilePathPattern("/user.json").test("/userXjson")).toBe(false);
    expect(compilePathPattern("^/repos/[^/]+/api(/|$)").test("/repos/acme/api/tags")).toBe(true);
  });
});

describe("fault rules", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 24, faults: [{ pathPattern: "/zen", fault: "5xx", status: 503 }] });
  });
  afterAll(() => sim.close());
  afterEach(() => sim.faults.clear());

  it("applies rules given at start", async () => {
    const answer = await call<{ message: string }>(sim, "/zen");
    expect(answer.status).toBe(503);
    expect(answer.body.message).toBe("Server Error");
  });

  it("injects a 5xx burst of `count` answers on both API roots, then lets requests through", async () => {
    const added = await call<{ id: number; fired: number }>(sim, "/_simulator/faults", {
      method: "POST",
      body: { pathPattern: "/orgs/*", method: "get", count: 2, fault: "5xx" },
    });
    expect(added.status).toBe(201);
    const statuses = [
      (await call(sim, "/orgs/portolan-demo")).status,
      (await call(sim, "/orgs/portolan-demo", { method: "PATCH", body: {} })).status !== 502,
      (await call(sim, "/orgs/portolan-demo", { base: sim.enterpriseUrl })).status,
      (await call(sim, "/orgs/portolan-demo")).status,
    ];
    expect(statuses).toEqual([502, true, 502, 200]);
    const listed = await call<Array<{ id: number; fired: number; method: string }>>(
      sim,
      "/_simulator/faults",
    );
    expect(listed.body).toEqual([expect.objectContaining({ id: added.body.id, fired: 2, method: "GET" })]);
    expect((await call(sim, `/_simulator/faults/${added.body.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call(sim, `/_simulator/faults/${added.body.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("answers a secondary rate limit with retry-after", async () => {
    sim.faults.add({ pathPattern: "/graphql", fault: "secondary-rate-limit", status: 429, count: 1 });
    const answer = await call<{ message: string }>(sim, "/graphql", {
      method: "POST",
      body: { query: "{ viewer { login } }" },
      base: `${sim.url}/api`,
    });
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("60");
    expect(answer.body.message).toMatch(/secondary rate limit/);
  });

  it("drops the connection (reset) and cuts an answer short (truncated)", async () => {
    sim.faults.add({ pathPattern: "/user", fault: "reset", count: 1 });
    expect(
      await failure(fetch(`${sim.url}/user`, { headers: { authorization: `Bearer ${sim.adminToken}` } })),
    ).toBeInstanceOf(TypeError);
    sim.faults.add({ pathPattern: "/user", fault: "truncated", count: 1 });
    const response = await fetch(`${sim.url}/user`, {
      headers: { authorization: `Bearer ${sim.adminToken}` },
    });
    expect(response.status).toBe(200);
    const full = Number(response.headers.get("content-length"));
    expect(full).toBeGreaterThan(100);
    expect(await failure(response.text())).toBeInstanceOf(Error);
    expect((await call(sim, "/user")).status).toBe(200);
  });

  it("holds a timed-out request until the client gives up, or answers late after delayMs", async () => {
    sim.faults.add({ pathPattern: "/orgs/**", fault: "timeout", count: 1 });
    const gaveUp = await failure(
      fetch(`${sim.url}/orgs/portolan-demo`, {
        headers: { authorization: `Bearer ${sim.adminToken}` },
        signal: AbortSignal.timeout(150),
      }),
    );
    expect((gaveUp as Error).name).toBe("TimeoutError");
    sim.faults.add({ pathPattern: "/orgs/**", fault: "timeout", delayMs: 150, count: 1 });
    const started = Date.now();
    expect((await call(sim, "/orgs/portolan-demo")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("never applies to the control API, and refuses malformed rules with 422", async () => {
    sim.faults.add({ pathPattern: "**", fault: "5xx" });
    expect((await call(sim, "/_simulator/faults")).status).toBe(200);
    expect((await call(sim, "/user")).status).toBe(502);
    for (const body of [
      { pathPattern: "/user", fault: "explode" },
      { pathPattern: "/user", fault: "5xx", status: 404 },
      { pathPattern: "/user", fault: "reset", delayMs: 10 },
      { pathPattern: "^(", fault: "reset" },
      { pathPattern: "/user", fault: "reset", probability: 2 },
    ]) {
      expect((await call(sim, "/_simulator/faults", { method: "POST", body })).status).toBe(422);
    }
    expect((await call(sim, "/_simulator/faults", { method: "DELETE" })).status).toBe(204);
    expect((await call(sim, "/user")).status).toBe(200);
  });
});

describe("held requests", () => {
  it("are dropped when the simulator closes, so closing never waits for them", async () => {
    const sim = await startSimulator({ seed: 25, faults: [{ pathPattern: "/user", fault: "timeout" }] });
    const pending = failure(
      fetch(`${sim.url}/user`, { headers: { authorization: `Bearer ${sim.adminToken}` } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sim.close();
    expect(await pending).toBeInstanceOf(TypeError);
  });
});

describe("fault probability", () => {
  async function outcomes(seed: number): Promise<number[]> {
    const sim = await startSimulator({
      seed,
      faults: [{ pathPattern: "/user", fault: "5xx", probability: 0.5 }],
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await call(sim, "/user")).status);
      return statuses;
    } finally {
      await sim.close();
    }
  }

  it("draws from the seeded random: the same seed fails the same requests", async () => {
    const first = await outcomes(5);
    expect(await outcomes(5)).toEqual(first);
    expect(first).toContain(502);
    expect(first).toContain(200);
  });

  it("refuses malformed rules at start, saying where", async () => {
    await expect(startSimulator({ faults: [{ pathPattern: "", fault: "5xx" }] })).rejects.toMatchObject({
      code: "SIMULATOR_INVALID_FAULT",
      where: { path: "faults" },
    });
  });
});
