import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

interface Repo {
  id: number;
  name: string;
  full_name: string;
  private: boolean;
  visibility: string;
  fork: boolean;
  archived: boolean;
  created_at: string;
  updated_at: string;
  pushed_at: string;
  url: string;
  html_url: string;
  owner: { login: string; type: string };
  permissions: Record<string, boolean>;
  parent?: { full_name: string };
  source?: { full_name: string };
  organization?: { login: string };
}

/** Parses a `Link` header into rel → URL. */
function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(", ").filter(Boolean)) {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    if (!match) throw new Error(`malformed Link part: ${part}`);
    out[match[2] as string] = match[1] as string;
  }
  return out;
}

describe("repository routes", () => {
  let sim: RunningSimulator;
  let all: Repo[];

  beforeAll(async () => {
    sim = await startSimulator({ seed: 11 });
    all = (await call<Repo[]>(sim, `/orgs/${sim.organization}/repos?per_page=100`)).body;
  });
  afterAll(() => sim.close());

  it("generates about twenty varied repositories", () => {
    expect(all.length).toBeGreaterThanOrEqual(18);
    expect(all.length).toBeLessThanOrEqual(25);
    expect(new Set(all.map((r) => r.visibility))).toEqual(new Set(["public", "private", "internal"]));
    expect(all.some((r) => r.fork)).toBe(true);
    expect(all.some((r) => r.archived)).toBe(true);
    expect(all.every((r) => r.private === (r.visibility !== "public"))).toBe(true);
    expect(all.every((r) => r.owner.login === sim.organization && r.owner.type === "Organization")).toBe(
      true,
    );
    expect(all[0]?.permissions).toEqual({
      admin: true,
      maintain: true,
      push: true,
      triage: true,
      pull: true,
    });
  });

  it("defaults to 30 per page, caps per_page at 100, and sorts by created, newest first", async () => {
    const defaults = await call<Repo[]>(sim, `/orgs/${sim.organization}/repos`);
    expect(defaults.body.length).toBe(Math.min(30, all.length));
    const capped = await call<Repo[]>(sim, `/orgs/${sim.organization}/repos?per_page=500`);
    expect(capped.body.length).toBe(all.length);
    expect(capped.headers.get("link")).toBeNull();
    const created = defaults.body.map((r) => r.created_at);
    expect(created).toEqual([...created].sort().reverse());
  });

  it("paginates with GitHub's Link header, absolute on the simulator", async () => {
    const perPage = 6;
    const lastPage = Math.ceil(all.length / perPage);
    const first = await call<Repo[]>(sim, `/orgs/${sim.organization}/repos?per_page=${perPage}&type=all`);
    const firstLinks = links(first.headers.get("link"));
    expect(Object.keys(firstLinks)).toEqual(["next", "last"]);
    expect(first.headers.get("link")).toBe(
      `<${sim.url}/organizations/${sim.state.findAccount(sim.organization)?.id}/repos?per_page=6&type=all&page=2>; rel="next", ` +
        `<${sim.url}/organizations/${sim.state.findAccount(sim.organization)?.id}/repos?per_page=6&type=all&page=${lastPage}>; rel="last"`,
    );

    const seen: string[] = [];
    let next: string | undefined = `${sim.url}/orgs/${sim.organization}/repos?per_page=${perPage}&type=all`;
    let pages = 0;
    while (next) {
      const response = await fetch(next, { headers: { authorization: `token ${sim.adminToken}` } });
      expect(response.status).toBe(200);
      seen.push(...((await response.json()) as Repo[]).map((r) => r.full_name));
      const rels = links(response.headers.get("link"));
      pages += 1;
      if (pages > 1) expect(rels.first).toMatch(/[?&]page=1$/);
      if (pages > 1) expect(rels.prev).toMatch(new RegExp(`[?&]page=${pages - 1}$`));
      next = rels.next;
    }
    expect(pages).toBe(lastPage);
    expect(seen).toEqual(all.map((r) => r.full_name));

    const middle = await call<Repo[]>(sim, `/orgs/${sim.organization}/repos?per_page=${perPage}&page=2`);
    expect(Object.keys(links(middle.headers.get("link")))).toEqual(["prev", "next", "last", "first"]);
    const beyond = await call<Repo[]>(
      sim,
      `/orgs/${sim.organization}/repos?per_page=${perPage}&page=${lastPage + 3}`,
    );
    expect(beyond.status).toBe(200);
    expect(beyond.body).toEqual([]);
  });

  it.each([
    ["public", (r: Repo) => r.visibility === "public"],
    ["private", (r: Repo) => r.visibility !== "public"],
    ["forks", (r: Repo) => r.fork],
    ["sources", (r: Repo) => !r.fork],
    ["member", () => true],
    ["all", () => true],
  ])("filters type=%s", async (type, keep) => {
    const answer = await call<Repo[]>(sim, `/orgs/${sim.organization}/repos?per_page=100&type=${type}`);
    expect(answer.body.map((r) => r.id)).toEqual(all.filter(keep).map((r) => r.id));
    expect(answer.body.length).toBeGreaterThan(0);
  });

  it("sorts by full_name ascending by default, and honours direction", async () => {
    const names = all.map((r) => r.full_name.toLowerCase()).sort();
    const byName = await call<Repo[]>(sim, `/orgs/${sim.organization}/repos?per_page=100&sort=full_name`);
    expect(byName.body.map((r) => r.full_name.toLowerCase())).toEqual(names);
    const desc = await call<Repo[]>(
      sim,
      `/orgs/${sim.organization}/repos?per_page=100&sort=full_name&direction=desc`,
    );
    expect(desc.body.map((r) => r.full_name.toLowerCase())).toEqual([...names].reverse());
    const pushed = await call<Repo[]>(
      sim,
      `/orgs/${sim.organization}/repos?per_page=100&sort=pushed&direction=asc`,
    );
    const dates = pushed.body.map((r) => r.pushed_at);
    expect(dates).toEqual([...dates].sort());
  });

  it("answers 404 for an unknown organization, and for a user's login", async () => {
    const unknown = await call(sim, "/orgs/no-such-org/repos");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest/repos/repos#list-organization-repositories",
      status: "404",
    });
  });

  it("returns full-repository for GET /repos/{owner}/{repo}, matching names case-insensitively", async () => {
    const fork = all.find((r) => r.fork) as Repo;
    const answer = await call<Repo & { network_count: number; subscribers_count: number }>(
      sim,
      `/repos/${sim.organization.toUpperCase()}/${fork.name}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe(fork.id);
    expect(answer.body.url).toBe(`${sim.url}/repos/${fork.full_name}`);
    expect(answer.body.html_url).toBe(`${sim.url}/${fork.full_name}`);
    expect(answer.body.organization?.login).toBe(sim.organization);
    expect(answer.body.parent?.full_name).toBe(`${sim.organization}-upstream/${fork.name}`);
    expect(answer.body.source?.full_name).toBe(answer.body.parent?.full_name);
    expect(typeof answer.body.network_count).toBe("number");
    expect(typeof answer.body.subscribers_count).toBe("number");
    const missing = await call(sim, `/repos/${sim.organization}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: "Not Found", status: "404" });
  });

  it("hides private repositories from a token without the repo scope, as GitHub does (404)", async () => {
    const owner = sim.state.findAccountById(sim.state.findToken(sim.adminToken)?.userId ?? 0);
    const { token } = await controlSimulator<{ token: string }>(sim, "POST", "/tokens", {
      login: owner?.login,
      scopes: ["read:org"],
    });
    const listed = await call<Repo[]>(sim, `/orgs/${sim.organization}/repos?per_page=100`, { token });
    expect(listed.body.map((r) => r.id)).toEqual(all.filter((r) => !r.private).map((r) => r.id));
    const secret = all.find((r) => r.private) as Repo;
    expect((await call(sim, `/repos/${secret.full_name}`, { token })).status).toBe(404);
  });
});
