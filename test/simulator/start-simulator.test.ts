import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPortolanError } from "../../src/engine/errors/portolan-error.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { controlSimulator } from "../support/simulator-control.js";
import { call } from "./support/simulator-http.js";

/** Paths whose bodies must be identical for one seed (URLs differ only by port, so compare without it). */
function pathsFor(org: string, firstRepo: string): string[] {
  return [
    "/user",
    "/user/orgs",
    `/users/${org}`,
    `/orgs/${org}`,
    `/orgs/${org}/repos?per_page=100`,
    `/orgs/${org}/repos?sort=full_name&per_page=7&page=2`,
    `/repos/${org}/${firstRepo}`,
    `/repos/${org}/${firstRepo}/contents`,
  ];
}

async function snapshot(simulator: RunningSimulator): Promise<string[]> {
  const repos = await call<{ name: string }[]>(simulator, `/orgs/${simulator.organization}/repos?per_page=1`);
  const first = repos.body[0]?.name ?? "";
  const bodies: string[] = [];
  for (const path of pathsFor(simulator.organization, first)) {
    const answer = await call(simulator, path);
    expect(answer.status, path).toBe(200);
    bodies.push(answer.text.replaceAll(simulator.url, "http://simulator"));
  }
  return bodies;
}

describe("startSimulator", () => {
  let a: RunningSimulator;
  let b: RunningSimulator;
  let other: RunningSimulator;

  beforeAll(async () => {
    [a, b, other] = await Promise.all([
      startSimulator({ seed: 7 }),
      startSimulator({ seed: 7 }),
      startSimulator({ seed: 8 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close(), other.close()]);
  });

  it("listens on 127.0.0.1 with the enterprise API under /api/v3", () => {
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.enterpriseUrl).toBe(`${a.url}/api/v3`);
    expect(a.organization).toBe("portolan-demo");
  });

  it("gives one seed byte-identical API bodies and the same admin token", async () => {
    expect(a.adminToken).toBe(b.adminToken);
    expect(a.adminToken).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
    const [left, right] = await Promise.all([snapshot(a), snapshot(b)]);
    expect(left).toEqual(right);
  });

  it("gives another seed other data", async () => {
    expect(other.adminToken).not.toBe(a.adminToken);
    const [left, right] = await Promise.all([snapshot(a), snapshot(other)]);
    expect(left[4]).not.toBe(right[4]);
  });

  it("dates the data from the seed's epoch, not the wall clock", async () => {
    const repos = await call<{ created_at: string; updated_at: string; pushed_at: string }[]>(
      a,
      `/orgs/${a.organization}/repos?per_page=100`,
    );
    const epoch = a.state.epochMs;
    for (const repo of repos.body) {
      expect(Date.parse(repo.created_at)).toBeLessThanOrEqual(epoch);
      expect(Date.parse(repo.updated_at)).toBeGreaterThanOrEqual(Date.parse(repo.created_at));
      expect(repo.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    const years = new Set(repos.body.map((repo) => repo.created_at.slice(0, 4)));
    expect(years.size).toBeGreaterThan(2);
  });

  it("serves the same API under GitHub Enterprise Server paths, with URLs on that base", async () => {
    const cloud = await call<{ url: string; html_url: string }>(a, `/orgs/${a.organization}`);
    const enterprise = await call<{ url: string; html_url: string; repos_url: string }>(
      a,
      `/orgs/${a.organization}`,
      { base: a.enterpriseUrl },
    );
    expect(enterprise.status).toBe(200);
    expect(cloud.body.url).toBe(`${a.url}/orgs/${a.organization}`);
    expect(enterprise.body.url).toBe(`${a.enterpriseUrl}/orgs/${a.organization}`);
    expect(enterprise.body.repos_url).toBe(`${a.enterpriseUrl}/orgs/${a.organization}/repos`);
    expect(enterprise.body.html_url).toBe(`${a.url}/${a.organization}`);
    expect(enterprise.headers.get("x-github-enterprise-version")).toBe("3.17.0");
    expect(cloud.headers.get("x-github-enterprise-version")).toBeNull();
  });

  it("takes another organization login", async () => {
    const named = await startSimulator({ organization: "acme-corp", seed: 3 });
    try {
      const org = await call<{ login: string }>(named, "/orgs/acme-corp");
      expect(org.body.login).toBe("acme-corp");
      expect((await call(named, "/orgs/portolan-demo")).status).toBe(404);
    } finally {
      await named.close();
    }
  });

  it.each([
    [{ host: "0.0.0.0" }, "SIMULATOR_HOST_NOT_LOOPBACK"],
    [{ port: 70000 }, "SIMULATOR_INVALID_PORT"],
    [{ seed: -1 }, "SIMULATOR_INVALID_SEED"],
    [{ scale: "huge" as "small" }, "SIMULATOR_UNKNOWN_SCALE"],
    [{ organization: "-bad-" }, "SIMULATOR_INVALID_ORGANIZATION"],
    [{ residentRepositories: 0 }, "SIMULATOR_INVALID_RESIDENT_REPOSITORIES"],
    [{ residentRepositories: 2.5 }, "SIMULATOR_INVALID_RESIDENT_REPOSITORIES"],
  ])("refuses %o with %s", async (options, code) => {
    const error = await startSimulator(options).catch((caught: unknown) => caught);
    expect(isPortolanError(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    expect((error as { hint?: string }).hint).toBeTruthy();
  });
});

describe("the clock of changes", () => {
  it("stamps changes from the seed's epoch by default, identically run to run", async () => {
    const stamps: string[] = [];
    for (let run = 0; run < 2; run++) {
      const sim = await startSimulator({ seed: 30 });
      try {
        const { repository } = await controlSimulator<{ repository: { created_at: string } }>(
          sim,
          "POST",
          `/orgs/${sim.organization}/repos`,
          { name: "stamped" },
        );
        expect(Date.parse(repository.created_at)).toBeGreaterThan(sim.state.epochMs);
        stamps.push(repository.created_at);
      } finally {
        await sim.close();
      }
    }
    expect(stamps[0]).toBe(stamps[1]);
  });

  it("stamps changes with the real time when asked", async () => {
    const sim = await startSimulator({ seed: 30, clock: "wall" });
    try {
      const before = Date.now() - 1000;
      const { repository } = await controlSimulator<{ repository: { updated_at: string } }>(
        sim,
        "POST",
        `/orgs/${sim.organization}/repos`,
        { name: "stamped" },
      );
      expect(Date.parse(repository.updated_at)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(repository.updated_at)).toBeLessThanOrEqual(Date.now() + 1000);
    } finally {
      await sim.close();
    }
  });
});
