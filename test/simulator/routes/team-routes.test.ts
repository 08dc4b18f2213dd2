import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

type Team = Record<string, unknown> & { slug: string; id: number; privacy: string };

describe("team routes", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 6 });
  });
  afterAll(() => sim.close());

  const orgRecord = () => {
    const org = sim.state.findAccount(sim.organization);
    if (!org) throw new Error("no organization");
    return org;
  };

  it("lists every team for the owner, with GitHub's `team` keys, on both API roots", async () => {
    for (const base of [sim.url, `${sim.url}/api/v3`]) {
      const answer = await call<Team[]>(sim, `/orgs/${sim.organization}/teams`, { base });
      expect(answer.status).toBe(200);
      expect(answer.body.map((team) => team.slug)).toEqual(
        sim.state.teamsOf(orgRecord().id).map((t) => t.slug),
      );
      expect(Object.keys(answer.body[0] ?? {})).toEqual([
        "name",
        "id",
        "node_id",
        "slug",
        "description",
        "privacy",
        "notification_setting",
        "url",
        "html_url",
        "members_url",
        "repositories_url",
        "type",
        "organization_id",
        "permission",
        "parent",
      ]);
      expect(answer.body[0]?.url).toBe(`${base}/organizations/${orgRecord().id}/team/${answer.body[0]?.id}`);
    }
    const privacies = new Set(sim.state.teamsOf(orgRecord().id).map((team) => team.privacy));
    expect(privacies).toEqual(new Set(["closed", "secret"]));
  });

  it("pages with Link (per_page) and hides secret teams from members outside them", async () => {
    const first = await call<Team[]>(sim, `/orgs/${sim.organization}/teams?per_page=2`);
    expect(first.body).toHaveLength(2);
    expect(first.headers.get("link")).toContain('rel="next"');
    const secret = sim.state.teamsOf(orgRecord().id).find((team) => team.privacy === "secret");
    const outsider = [...orgRecord().members.entries()].find(
      ([id, role]) => role === "member" && !secret?.members.has(id),
    );
    const login = sim.state.findAccountById(outsider?.[0] ?? 0)?.login;
    const { token } = await controlSimulator<{ token: string }>(sim, "POST", "/tokens", {
      login,
      scopes: ["read:org", "repo"],
    });
    const asMember = await call<Team[]>(sim, `/orgs/${sim.organization}/teams`, { token });
    expect(asMember.body.map((team) => team.slug)).not.toContain(secret?.slug);
    const hidden = await call(sim, `/orgs/${sim.organization}/teams/${secret?.slug}`, { token });
    expect(hidden.status).toBe(404);
  });

  it("answers 404 without read:org, naming the accepted scopes", async () => {
    const owner = sim.state.findAccountById([...orgRecord().members.keys()][0] ?? 0);
    const { token } = await controlSimulator<{ token: string }>(sim, "POST", "/tokens", {
      login: owner?.login,
      scopes: ["repo"],
    });
    const answer = await call(sim, `/orgs/${sim.organization}/teams`, { token });
    expect(answer.status).toBe(404);
    expect(answer.headers.get("x-accepted-oauth-scopes")).toContain("read:org");
  });

  it("gets one team (team-full), its members by role and its repositories with the team's permission", async () => {
    const record = sim.state.teamsOf(orgRecord().id).find((team) => team.members.size > 1);
    if (!record) throw new Error("the seed has a team with several members");
    const full = await call<Record<string, unknown>>(sim, `/orgs/${sim.organization}/teams/${record.slug}`);
    expect(full.body).toMatchObject({
      slug: record.slug,
      members_count: record.members.size,
      repos_count: record.repositories.size,
      organization: { login: sim.organization },
    });
    const members = await call<Array<{ login: string }>>(
      sim,
      `/orgs/${sim.organization}/teams/${record.slug}/members`,
    );
    expect(members.body).toHaveLength(record.members.size);
    const maintainers = await call<unknown[]>(
      sim,
      `/orgs/${sim.organization}/teams/${record.slug}/members?role=maintainer`,
    );
    expect(maintainers.body).toHaveLength(
      [...record.members.values()].filter((r) => r === "maintainer").length,
    );
    const repos = await call<Array<{ id: number; role_name: string; permissions: Record<string, boolean> }>>(
      sim,
      `/orgs/${sim.organization}/teams/${record.slug}/repos`,
    );
    expect(repos.body.map((repo) => repo.id).sort()).toEqual([...record.repositories.keys()].sort());
    const [repositoryId, permission] = [...record.repositories.entries()][0] ?? [];
    const listed = repos.body.find((repo) => repo.id === repositoryId);
    expect(listed?.permissions[permission === "pull" ? "pull" : (permission ?? "pull")]).toBe(true);
  });

  it("lists a repository's teams with their permission there", async () => {
    const record = sim.state.teamsOf(orgRecord().id)[0];
    const [repositoryId, permission] = [...(record?.repositories.entries() ?? [])][0] ?? [];
    const repository = sim.state.getRepository(repositoryId ?? 0);
    const answer = await call<Team[]>(sim, `/repos/${sim.organization}/${repository?.name}/teams`);
    expect(answer.status).toBe(200);
    expect(answer.body.find((team) => team.slug === record?.slug)?.permission).toBe(permission);
  });
});
