import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { call } from "../support/simulator-http.js";

const NOT_ACCESSIBLE = "Resource not accessible by personal access token";

describe("fine-grained personal access tokens", () => {
  let sim: RunningSimulator;
  let repos: string[];
  beforeAll(async () => {
    sim = await startSimulator({ seed: 3 });
    const owner = sim.state.findAccount(sim.organization);
    if (!owner) throw new Error("no organization");
    repos = sim.state.repositoriesOwnedBy(owner.id).map((repo) => repo.name);
  });
  afterAll(() => sim.close());

  const issue = async (body: Record<string, unknown>): Promise<string> => {
    const owner = sim.state.getAccount(sim.state.findToken(sim.adminToken)?.userId ?? 0);
    const created = await call<{ token: string }>(sim, "/_simulator/tokens/fine-grained", {
      method: "POST",
      token: null,
      body: { login: owner.login, organization: sim.organization, ...body },
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^github_pat_\w{22}_\w{59}$/);
    return created.body.token;
  };

  it("the seeded token reads what the seed's permissions allow, without X-OAuth-Scopes", async () => {
    const token = sim.credentials.fineGrainedPat;
    const listed = await call<unknown[]>(sim, `/orgs/${sim.organization}/repos?per_page=100`, { token });
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(repos.length);
    expect(listed.headers.get("x-oauth-scopes")).toBeNull();
    expect(listed.headers.get("x-accepted-github-permissions")).toBe("metadata=read");
    const pulls = await call(sim, `/repos/${sim.organization}/${repos[0]}/pulls`, { token });
    expect(pulls.status).toBe(200);
    expect(pulls.headers.get("x-accepted-github-permissions")).toBe("pull_requests=read");
    const hooks = await call(sim, `/orgs/${sim.organization}/hooks`, { token });
    expect(hooks.status).toBe(200);
  });

  it("answers GitHub's 403 naming the missing permission in X-Accepted-GitHub-Permissions", async () => {
    const token = await issue({ permissions: { contents: "read" } });
    const pulls = await call(sim, `/repos/${sim.organization}/${repos[0]}/pulls`, { token });
    expect(pulls.status).toBe(403);
    expect(pulls.body).toEqual({
      message: NOT_ACCESSIBLE,
      documentation_url: "https://docs.github.com/rest/pulls/pulls#list-pull-requests",
      status: "403",
    });
    expect(pulls.headers.get("x-accepted-github-permissions")).toBe("pull_requests=read");
    // The seed's list has no secret scanning permission: the seeded token is refused there.
    const secrets = await call(sim, `/repos/${sim.organization}/${repos[0]}/secret-scanning/alerts`, {
      token: sim.credentials.fineGrainedPat,
    });
    expect(secrets.status).toBe(403);
    expect(secrets.headers.get("x-accepted-github-permissions")).toBe("secret_scanning_alerts=read");
    const readHooks = await issue({ permissions: { organization_hooks: "read" } });
    const create = await call(sim, `/orgs/${sim.organization}/hooks`, {
      method: "POST",
      token: readHooks,
      body: { config: { url: "http://127.0.0.1:9/hook" } },
    });
    expect(create.status).toBe(403);
    expect(create.headers.get("x-accepted-github-permissions")).toBe("organization_hooks=write");
    expect((await call(sim, `/orgs/${sim.organization}/hooks`, { token: readHooks })).status).toBe(200);
  });

  it("sees only the selected repositories: others are not listed and answer 404", async () => {
    const [chosen, other] = repos as [string, string];
    const token = await issue({
      permissions: { metadata: "read", contents: "read" },
      repositories: [chosen],
    });
    const listed = await call<Array<{ name: string }>>(sim, `/orgs/${sim.organization}/repos`, { token });
    expect(listed.body.map((repo) => repo.name)).toEqual([chosen]);
    expect((await call(sim, `/repos/${sim.organization}/${chosen}`, { token })).status).toBe(200);
    const hidden = await call(sim, `/repos/${sim.organization}/${other}`, { token });
    expect(hidden.status).toBe(404);
    expect((await call(sim, `/repos/${sim.organization}/${other}/branches`, { token })).status).toBe(404);
  });

  it("needs members for the organization's teams, and answers GraphQL with FORBIDDEN", async () => {
    const token = await issue({ permissions: { metadata: "read" } });
    const teams = await call(sim, `/orgs/${sim.organization}/teams`, { token });
    expect(teams.status).toBe(403);
    expect(teams.headers.get("x-accepted-github-permissions")).toBe("members=read");
    const withMembers = await issue({ permissions: { members: "read" } });
    expect((await call(sim, `/orgs/${sim.organization}/teams`, { token: withMembers })).status).toBe(200);
    const query = `{ organization(login: "${sim.organization}") { membersWithRole(first: 1) { totalCount } } }`;
    const graphql = await call<{ errors: Array<{ type: string; message: string }> }>(sim, "/graphql", {
      method: "POST",
      token,
      body: { query },
    });
    expect(graphql.body.errors[0]).toMatchObject({ type: "FORBIDDEN", message: NOT_ACCESSIBLE });
    const allowed = await call<{ data: { organization: { membersWithRole: { totalCount: number } } } }>(
      sim,
      "/graphql",
      { method: "POST", token: withMembers, body: { query } },
    );
    expect(allowed.body.data.organization.membersWithRole.totalCount).toBeGreaterThan(0);
  });

  it("answers 401 Bad credentials once the token is revoked or expired", async () => {
    const revoked = await issue({ permissions: { metadata: "read" } });
    expect((await call(sim, `/orgs/${sim.organization}/repos`, { token: revoked })).status).toBe(200);
    const revoke = await call(sim, `/_simulator/tokens/${revoked}`, { method: "DELETE", token: null });
    expect(revoke.status).toBe(200);
    const after = await call(sim, `/orgs/${sim.organization}/repos`, { token: revoked });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ message: "Bad credentials" });

    const expiring = await issue({ permissions: { metadata: "read" }, expires_in_seconds: 1 });
    expect((await call(sim, `/orgs/${sim.organization}/repos`, { token: expiring })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await call(sim, `/orgs/${sim.organization}/repos`, { token: expiring })).status).toBe(401);
  });
});
