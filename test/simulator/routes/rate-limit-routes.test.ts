import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { call } from "../support/simulator-http.js";

describe("GET /rate_limit", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 12 });
  });
  afterAll(() => sim.close());

  it("reports the counted core budget and costs nothing", async () => {
    await call(sim, "/user");
    await call(sim, "/user");
    const first = await call<{ resources: { core: Record<string, number> }; rate: Record<string, number> }>(
      sim,
      "/rate_limit",
    );
    const second = await call<{ rate: Record<string, number> }>(sim, "/rate_limit", {
      base: sim.enterpriseUrl,
    });
    expect(first.body.resources.core).toMatchObject({ limit: 5000, used: 2, remaining: 4998 });
    expect(first.body.rate).toEqual(first.body.resources.core);
    expect(second.body.rate.used).toBe(2);
    expect(first.headers.get("x-ratelimit-used")).toBe("2");
  });
});
