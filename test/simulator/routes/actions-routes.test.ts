import type { components } from "@octokit/openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workflowRunStatuses } from "../../../src/github/kinds/workflow-run-selector.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryRecord } from "../../../src/simulator/state/repository.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

type Workflow = components["schemas"]["workflow"];
type WorkflowRun = components["schemas"]["workflow-run"];

describe("GitHub Actions endpoints", () => {
  let sim: RunningSimulator;
  let repository: RepositoryRecord;
  const full = () => `${sim.organization}/${repository.name}`;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 11 });
    const org = sim.state.findAccount(sim.organization);
    const withWorkflows = sim.state
      .repositoriesOwnedBy(org?.id ?? -1)
      .filter((repo) => sim.state.actions.workflowsOf(repo.id).length >= 2);
    if (!withWorkflows[0]) throw new Error("seed 11 has no repository with two workflows");
    repository = withWorkflows[0];
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("seeds every workflow state but deleted, and every run status and conclusion", () => {
    const org = sim.state.findAccount(sim.organization);
    const workflows = sim.state
      .repositoriesOwnedBy(org?.id ?? -1)
      .flatMap((repo) => sim.state.actions.workflowsOf(repo.id));
    expect(new Set(workflows.map((workflow) => workflow.state))).toEqual(
      new Set(["active", "disabled_manually", "disabled_inactivity", "disabled_fork"]),
    );
    const runs = workflows.flatMap((workflow) => sim.state.actions.runsOf(workflow.id));
    const values = new Set(runs.flatMap((run) => [run.status, run.conclusion]));
    // Each value a workflow-run selector's `statuses` can ask for.
    for (const value of workflowRunStatuses) {
      expect(values.has(value as never), value).toBe(true);
    }
    // Workflow files exist on the default branch.
    for (const workflow of sim.state.actions.workflowsOf(repository.id)) {
      expect(sim.state.readFile(repository.id, repository.defaultBranch, workflow.path)).toContain("jobs:");
    }
  });

  it("lists workflows in GitHub's envelope, paginated with Link, at both API roots", async () => {
    for (const base of [sim.url, sim.enterpriseUrl]) {
      const all = await call<{ total_count: number; workflows: Workflow[] }>(
        sim,
        `/repos/${full()}/actions/workflows`,
        { base },
      );
      expect(all.status).toBe(200);
      expect(all.body.total_count).toBe(sim.state.actions.workflowsOf(repository.id).length);
      const first = all.body.workflows[0];
      expect(first).toMatchObject({
        state: expect.any(String),
        path: expect.stringMatching(/^\.github\/workflows\//),
      });
      expect(first?.url).toBe(`${base}/repos/${full()}/actions/workflows/${first?.id}`);
      const paged = await call<{ workflows: Workflow[] }>(
        sim,
        `/repos/${full()}/actions/workflows?per_page=1`,
        { base },
      );
      expect(paged.body.workflows).toHaveLength(1);
      expect(paged.headers.get("link")).toContain(
        `<${base}/repos/${full()}/actions/workflows?per_page=1&page=2>; rel="next"`,
      );
    }
  });

  it("finds a workflow by id and by file name; unknown ones are 404 with GitHub's body", async () => {
    const workflow = sim.state.actions.workflowsOf(repository.id)[0];
    const file = workflow?.path.split("/").at(-1);
    const byId = await call<Workflow>(sim, `/repos/${full()}/actions/workflows/${workflow?.id}`);
    const byName = await call<Workflow>(sim, `/repos/${full()}/actions/workflows/${file}`);
    expect(byId.body).toEqual(byName.body);
    const missing = await call(sim, `/repos/${full()}/actions/workflows/nope.yml`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: "Not Found", status: "404" });
  });

  it("lists runs newest first with status (status or conclusion) and created filters", async () => {
    const org = sim.state.findAccount(sim.organization);
    const workflows = sim.state
      .repositoriesOwnedBy(org?.id ?? -1)
      .flatMap((repo) => sim.state.actions.workflowsOf(repo.id));
    const workflow = workflows.reduce((most, w) =>
      sim.state.actions.runsOf(w.id).length > sim.state.actions.runsOf(most.id).length ? w : most,
    );
    const repo = sim.state.getRepository(workflow.repositoryId);
    const path = `/repos/${sim.organization}/${repo?.name}/actions/workflows/${workflow.id}/runs`;
    const all = await call<{ total_count: number; workflow_runs: WorkflowRun[] }>(sim, path);
    const runs = all.body.workflow_runs;
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.map((run) => run.created_at)).toEqual(
      [...runs.map((run) => run.created_at)].sort().reverse(),
    );
    const conclusion = runs.find((run) => run.conclusion !== null)?.conclusion ?? "success";
    const filtered = await call<{ workflow_runs: WorkflowRun[] }>(sim, `${path}?status=${conclusion}`);
    expect(filtered.body.workflow_runs.length).toBeGreaterThan(0);
    expect(filtered.body.workflow_runs.every((run) => run.conclusion === conclusion)).toBe(true);
    const completed = await call<{ workflow_runs: WorkflowRun[] }>(sim, `${path}?status=completed`);
    expect(completed.body.workflow_runs.every((run) => run.status === "completed")).toBe(true);
    const middle = runs[Math.floor(runs.length / 2)]?.created_at ?? "";
    const recent = await call<{ workflow_runs: WorkflowRun[] }>(
      sim,
      `${path}?created=${encodeURIComponent(`>=${middle}`)}`,
    );
    expect(recent.body.workflow_runs.map((run) => run.id)).toEqual(
      runs.filter((run) => run.created_at >= middle).map((run) => run.id),
    );
    const bad = await call(sim, `${path}?status=exploded`);
    expect(bad.status).toBe(422);
    const run = runs[0] as WorkflowRun;
    const one = await call<WorkflowRun>(
      sim,
      `/repos/${sim.organization}/${repo?.name}/actions/runs/${run.id}`,
    );
    expect(one.body).toEqual(run);
    expect(one.body.repository).toMatchObject({
      name: repo?.name,
      full_name: `${sim.organization}/${repo?.name}`,
    });
    expect(one.body.repository).not.toHaveProperty("created_at");
  });

  it("hides a private repository's workflows from a token without the repo scope (404)", async () => {
    const org = sim.state.findAccount(sim.organization);
    const hidden = sim.state.repositoriesOwnedBy(org?.id ?? -1).find((repo) => repo.visibility !== "public");
    const { token } = await controlSimulator<{ token: string }>(sim, "POST", "/tokens", {
      login: sim.state.getAccount([...(org?.members.keys() ?? [])][0] ?? -1).login,
      scopes: ["read:org"],
    });
    const answer = await call(sim, `/repos/${sim.organization}/${hidden?.name}/actions/workflows`, { token });
    expect(answer.status).toBe(404);
  });
});
