import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { repositoryGrants } from "../../../src/simulator/state/repository-permissions.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

type Collaborator = { login: string; role_name: string; permissions: Record<string, boolean> };

describe("collaborator routes", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 8 });
  });
  afterAll(() => sim.close());

  const repositories = () => sim.state.repositoriesOwnedBy(sim.state.findAccount(sim.organization)?.id ?? 0);

  it("lists collaborators by affiliation: all, direct, outside", async () => {
    const withOutside = repositories().find((repo) =>
      repositoryGrants(sim.state, repo).some((g) => g.outside),
    );
    if (!withOutside) throw new Error("the seed has an outside collaborator");
    const grants = repositoryGrants(sim.state, withOutside);
    const path = `/repos/${sim.organization}/${withOutside.name}/collaborators`;
    const all = await call<Collaborator[]>(sim, path);
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(grants.length);
    const outside = await call<Collaborator[]>(sim, `${path}?affiliation=outside`);
    expect(outside.body.map((c) => c.login)).toEqual(
      grants.filter((g) => g.outside).map((g) => sim.state.findAccountById(g.userId)?.login),
    );
    const direct = await call<Collaborator[]>(sim, `${path}?affiliation=direct`, {
      base: `${sim.url}/api/v3`,
    });
    expect(direct.body.length).toBe(grants.filter((g) => g.direct).length);
    for (const collaborator of all.body) {
      expect(["read", "triage", "write", "maintain", "admin"]).toContain(collaborator.role_name);
      expect(collaborator.permissions.pull).toBe(true);
    }
    const roles = new Set(
      repositories().flatMap((repo) => repositoryGrants(sim.state, repo).map((g) => g.permission)),
    );
    expect(roles).toEqual(new Set(["pull", "triage", "push", "maintain", "admin"]));
  });

  it("answers GitHub's 403 to a viewer without push access", async () => {
    const org = sim.state.findAccount(sim.organization);
    const reader = [...(org?.members.entries() ?? [])].find(([, role]) => role === "member");
    const repository = repositories().find(
      (repo) =>
        repositoryGrants(sim.state, repo).find((g) => g.userId === reader?.[0])?.permission === "pull",
    );
    const { token } = await controlSimulator<{ token: string }>(sim, "POST", "/tokens", {
      login: sim.state.findAccountById(reader?.[0] ?? 0)?.login,
      scopes: ["repo", "read:org"],
    });
    const answer = await call<{ message: string }>(
      sim,
      `/repos/${sim.organization}/${repository?.name}/collaborators`,
      {
        token,
      },
    );
    expect(answer.status).toBe(403);
    expect(answer.body.message).toBe("Must have push access to view repository collaborators.");
  });

  it("reads one user's permission", async () => {
    const [repository] = repositories();
    if (!repository) throw new Error("the seed has repositories");
    const grant = repositoryGrants(sim.state, repository)[0];
    const login = sim.state.findAccountById(grant?.userId ?? 0)?.login;
    const answer = await call<{ permission: string; role_name: string; user: { login: string } }>(
      sim,
      `/repos/${sim.organization}/${repository.name}/collaborators/${login}/permission`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.user.login).toBe(login);
    expect(["admin", "write", "read"]).toContain(answer.body.permission);
  });
});
