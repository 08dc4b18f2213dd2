import type { components } from "@octokit/openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryRecord } from "../../../src/simulator/state/repository.js";
import { call } from "../support/simulator-http.js";

type Deployment = components["schemas"]["deployment"];
type DeploymentStatus = components["schemas"]["deployment-status"];
type Environment = components["schemas"]["environment"];
type Variable = components["schemas"]["actions-variable"];

describe("environment and deployment endpoints", () => {
  let sim: RunningSimulator;
  let repositories: RepositoryRecord[];

  beforeAll(async () => {
    sim = await startSimulator({ seed: 12 });
    const org = sim.state.findAccount(sim.organization);
    repositories = sim.state
      .repositoriesOwnedBy(org?.id ?? -1)
      .filter((repo) => sim.state.deployments.environmentsOf(repo.id).length > 0);
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("seeds every deployment state, both tasks and environments with variables", () => {
    expect(repositories.length).toBeGreaterThan(0);
    const deployments = repositories.flatMap((repo) => sim.state.deployments.deploymentsOf(repo.id));
    expect(new Set(deployments.map((deployment) => deployment.task))).toEqual(
      new Set(["deploy", "deploy:migrations"]),
    );
    const states = new Set(
      deployments.flatMap((d) => sim.state.deployments.statusesOf(d.id).map((s) => s.state)),
    );
    expect(states).toEqual(
      new Set(["error", "failure", "inactive", "pending", "success", "queued", "in_progress"]),
    );
    const environments = repositories.flatMap((repo) => sim.state.deployments.environmentsOf(repo.id));
    expect(environments.some((environment) => environment.variables.length > 0)).toBe(true);
  });

  it("lists environments in their envelope, reads one by name (any case) and its variables", async () => {
    const repo = repositories[0] as RepositoryRecord;
    const path = `/repos/${sim.organization}/${repo.name}`;
    for (const base of [sim.url, sim.enterpriseUrl]) {
      const list = await call<{ total_count: number; environments: Environment[] }>(
        sim,
        `${path}/environments`,
        { base },
      );
      expect(list.status).toBe(200);
      expect(list.body.total_count).toBe(list.body.environments.length);
      const first = list.body.environments[0] as Environment;
      expect(first).toMatchObject({
        can_admins_bypass: expect.any(Boolean),
        protection_rules: expect.any(Array),
      });
      expect(first.url).toBe(`${base}${path}/environments/${encodeURIComponent(first.name)}`);
      const one = await call<Environment>(
        sim,
        `${path}/environments/${encodeURIComponent(first.name.toUpperCase())}`,
        { base },
      );
      expect(one.body).toEqual(first);
    }
    const withVariables = repositories
      .flatMap((r) => sim.state.deployments.environmentsOf(r.id).map((environment) => ({ r, environment })))
      .find(({ environment }) => environment.variables.length > 0);
    const variables = await call<{ total_count: number; variables: Variable[] }>(
      sim,
      `/repos/${sim.organization}/${withVariables?.r.name}/environments/${withVariables?.environment.name}/variables`,
    );
    expect(variables.body.total_count).toBe(withVariables?.environment.variables.length);
    expect(Object.keys(variables.body.variables[0] ?? {}).sort()).toEqual([
      "created_at",
      "name",
      "updated_at",
      "value",
    ]);
    expect((await call(sim, `${path}/environments/nowhere`)).status).toBe(404);
  });

  it("lists deployments newest first, filtered by task and environment, and their statuses", async () => {
    const repo = repositories[0] as RepositoryRecord;
    const path = `/repos/${sim.organization}/${repo.name}/deployments`;
    const all = await call<Deployment[]>(sim, path);
    expect(all.body.length).toBe(sim.state.deployments.deploymentsOf(repo.id).length);
    expect(all.body.map((d) => d.created_at)).toEqual(
      [...all.body.map((d) => d.created_at)].sort().reverse(),
    );
    const environment = all.body[0]?.environment ?? "";
    const filtered = await call<Deployment[]>(
      sim,
      `${path}?environment=${encodeURIComponent(environment)}&task=deploy`,
    );
    expect(filtered.body.every((d) => d.environment === environment && d.task === "deploy")).toBe(true);
    expect(filtered.body.length).toBe(
      all.body.filter((d) => d.environment === environment && d.task === "deploy").length,
    );
    const deployment = all.body[0] as Deployment;
    expect((await call<Deployment>(sim, `${path}/${deployment.id}`)).body).toEqual(deployment);
    const statuses = await call<DeploymentStatus[]>(sim, `${path}/${deployment.id}/statuses`);
    expect(statuses.body.length).toBeGreaterThan(0);
    expect(statuses.body[0]?.deployment_url).toBe(deployment.url);
    const status = statuses.body[0] as DeploymentStatus;
    expect(
      (await call<DeploymentStatus>(sim, `${path}/${deployment.id}/statuses/${status.id}`)).body,
    ).toEqual(status);
    expect((await call(sim, `${path}/${deployment.id}/statuses/1`)).status).toBe(404);
    expect((await call(sim, `${path}/1`)).status).toBe(404);
    const paged = await call<Deployment[]>(sim, `${path}?per_page=1`);
    if (all.body.length > 1) expect(paged.headers.get("link")).toContain('rel="next"');
  });
});
