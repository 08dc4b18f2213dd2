import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryRecord } from "../../../src/simulator/state/repository.js";
import { call } from "../support/simulator-http.js";

interface SearchAnswer {
  total_count: number;
  incomplete_results: boolean;
  items: Array<{ name: string; full_name: string; score: number; fork: boolean }>;
}

describe("GET /search/repositories", () => {
  let sim: RunningSimulator;
  let repos: RepositoryRecord[];
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5 });
    const org = sim.state.findAccount(sim.organization);
    if (!org) throw new Error("no organization");
    repos = sim.state.repositoriesOwnedBy(org.id);
    // The filters below are only meaningful when the seed has each kind of repository.
    expect(repos.some((repo) => repo.parentId !== null)).toBe(true);
    expect(repos.some((repo) => repo.archived)).toBe(true);
    expect(repos.some((repo) => repo.visibility === "public")).toBe(true);
    expect(repos.some((repo) => repo.visibility !== "public")).toBe(true);
  });
  afterAll(() => sim.close());

  const search = (q: string, extra = "", token?: string) =>
    call<SearchAnswer>(sim, `/search/repositories?q=${encodeURIComponent(q)}${extra}`, { token });
  const names = (list: RepositoryRecord[]) => list.map((repo) => repo.name).sort();

  it("finds the organization's repositories, forks left out unless asked for", async () => {
    const answer = await search(`org:${sim.organization}`, "&per_page=100");
    expect(answer.status).toBe(200);
    const sources = repos.filter((repo) => repo.parentId === null);
    expect(answer.body.total_count).toBe(sources.length);
    expect(answer.body.incomplete_results).toBe(false);
    expect(answer.body.items.map((item) => item.name).sort()).toEqual(names(sources));
    expect(answer.body.items.every((item) => item.score > 0)).toBe(true);
    const forks = await search(`org:${sim.organization} fork:only`, "&per_page=100");
    expect(forks.body.items.map((item) => item.name).sort()).toEqual(
      names(repos.filter((repo) => repo.parentId !== null)),
    );
    const all = await search(`user:${sim.organization} fork:true`);
    expect(all.body.total_count).toBe(repos.length);
  });

  it("filters by archived:, is: and terms in:name", async () => {
    const archived = await search(`org:${sim.organization} archived:true fork:true`, "&per_page=100");
    expect(archived.body.items.map((item) => item.name).sort()).toEqual(
      names(repos.filter((repo) => repo.archived)),
    );
    const privates = await search(`org:${sim.organization} is:private fork:true`, "&per_page=100");
    expect(privates.body.items.map((item) => item.name).sort()).toEqual(
      names(repos.filter((repo) => repo.visibility !== "public")),
    );
    const target = repos[0] as RepositoryRecord;
    const byName = await search(`${target.name} in:name org:${sim.organization} fork:true`, "&per_page=100");
    expect(byName.body.items.map((item) => item.name)).toContain(target.name);
    expect(
      byName.body.items.every((item) => item.name.toLowerCase().includes(target.name.toLowerCase())),
    ).toBe(true);
  });

  it("pages with per_page/page and Link, and draws on the search budget of 30 a minute", async () => {
    const first = await search(`org:${sim.organization} fork:true`, "&per_page=2");
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total_count).toBe(repos.length);
    const link = first.headers.get("link") ?? "";
    expect(link).toContain('rel="next"');
    expect(link).toContain("/search/repositories?");
    const second = await search(`org:${sim.organization} fork:true`, "&per_page=2&page=2");
    expect(second.body.items.map((item) => item.name)).not.toContain(first.body.items[0]?.name);
    expect(second.headers.get("x-ratelimit-resource")).toBe("search");
    expect(second.headers.get("x-ratelimit-limit")).toBe("30");
    expect(Number(second.headers.get("x-ratelimit-used"))).toBe(
      Number(first.headers.get("x-ratelimit-used")) + 1,
    );
    const reset = Number(second.headers.get("x-ratelimit-reset")) - Date.now() / 1000;
    expect(reset).toBeLessThanOrEqual(60);
  });

  it("answers 422 without q, and shows a fine-grained token only its selected repositories", async () => {
    const missing = await call<{ message: string }>(sim, "/search/repositories");
    expect(missing.status).toBe(422);
    expect(missing.body.message).toBe("Validation Failed");
    const owner = sim.state.getAccount(sim.state.findToken(sim.adminToken)?.userId ?? 0);
    const chosen = repos.find((repo) => repo.parentId === null) as RepositoryRecord;
    const issued = await call<{ token: string }>(sim, "/_simulator/tokens/fine-grained", {
      method: "POST",
      token: null,
      body: {
        login: owner.login,
        organization: sim.organization,
        permissions: { metadata: "read" },
        repositories: [chosen.name],
      },
    });
    const answer = await search(`org:${sim.organization}`, "", issued.body.token);
    expect(answer.body.items.map((item) => item.name)).toEqual([chosen.name]);
  });
});
