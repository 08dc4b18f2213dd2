import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/start-simulator.js";
import { controlAnswer } from "../../support/simulator-control.js";
import { call, type Receiver, startHookedSimulator } from "../support/simulator-http.js";
import { webhookPayloadProblems } from "../support/webhook-schema.js";

describe("control API for workflows, runs and deployments, with their webhooks", () => {
  let sim: RunningSimulator;
  let receiver: Receiver;
  let repo: string;

  /** Deliveries received since the last call, as [event, payload]. */
  async function received(): Promise<Array<[string, Record<string, unknown>]>> {
    await sim.whenIdle();
    const out = receiver.received.map(
      (delivery) =>
        [String(delivery.headers["x-github-event"]), JSON.parse(delivery.body)] as [
          string,
          Record<string, unknown>,
        ],
    );
    receiver.received.length = 0;
    return out;
  }

  beforeAll(async () => {
    ({ sim, receiver } = await startHookedSimulator({
      seed: 13,
      events: ["push", "workflow_run", "deployment", "deployment_status"],
    }));
    await received();
    const created = await controlAnswer<{ repository: { name: string } }>(
      sim,
      "POST",
      `/orgs/${sim.organization}/repos`,
      { name: "ci-playground" },
    );
    repo = `${sim.organization}/${created.body.repository.name}`;
  });
  afterAll(async () => {
    await receiver?.close();
    await sim?.close();
  });

  it("adding, changing and removing a workflow file pushes to the default branch", async () => {
    const added = await controlAnswer<{ workflow: { id: number; state: string; name: string } }>(
      sim,
      "PUT",
      `/repos/${repo}/actions/workflows/build.yml`,
      { name: "Build" },
    );
    expect(added.status).toBe(200);
    expect(added.body.workflow).toMatchObject({ name: "Build", state: "active" });
    let events = await received();
    expect(events.map(([name]) => name)).toEqual(["push"]);
    const [, push] = events[0] as [string, Record<string, unknown>];
    expect(webhookPayloadProblems("push$event", push)).toEqual([]);
    expect(push).toMatchObject({
      ref: "refs/heads/main",
      commits: [{ added: [".github/workflows/build.yml"], modified: [], removed: [] }],
    });
    expect(typeof (push.repository as { created_at: unknown }).created_at).toBe("number");
    const listed = await call<{ workflows: Array<{ id: number }> }>(sim, `/repos/${repo}/actions/workflows`);
    expect(listed.body.workflows.map((workflow) => workflow.id)).toEqual([added.body.workflow.id]);

    await controlAnswer(sim, "PUT", `/repos/${repo}/actions/workflows/build.yml`, {
      content: "name: Build\n",
    });
    events = await received();
    expect(events[0]?.[1]).toMatchObject({ commits: [{ modified: [".github/workflows/build.yml"] }] });

    const removed = await controlAnswer(sim, "DELETE", `/repos/${repo}/actions/workflows/build.yml`);
    expect(removed.body).toMatchObject({ state: "active" });
    events = await received();
    expect(events[0]?.[1]).toMatchObject({ commits: [{ removed: [".github/workflows/build.yml"] }] });
    expect((await call(sim, `/repos/${repo}/actions/workflows/build.yml`)).status).toBe(404);
  });

  it("a run goes requested → in_progress → completed, each a workflow_run delivery GitHub's schema accepts", async () => {
    await controlAnswer(sim, "PUT", `/repos/${repo}/actions/workflows/test.yaml`, { name: "Test" });
    await received();
    const created = await controlAnswer<{ run: { id: number; status: string; run_number: number } }>(
      sim,
      "POST",
      `/repos/${repo}/actions/runs`,
      { workflow: "test.yaml" },
    );
    expect(created.status).toBe(201);
    expect(created.body.run).toMatchObject({ status: "queued", run_number: 1 });
    const id = created.body.run.id;
    await controlAnswer(sim, "PATCH", `/repos/${repo}/actions/runs/${id}`, { status: "in_progress" });
    await controlAnswer(sim, "PATCH", `/repos/${repo}/actions/runs/${id}`, {
      status: "completed",
      conclusion: "failure",
    });
    const events = await received();
    expect(events.map(([name, payload]) => `${name}.${payload.action}`)).toEqual([
      "workflow_run.requested",
      "workflow_run.in_progress",
      "workflow_run.completed",
    ]);
    for (const [, payload] of events) {
      expect(webhookPayloadProblems(`workflow_run$${payload.action}`, payload)).toEqual([]);
    }
    expect(events[2]?.[1]).toMatchObject({
      workflow_run: { id, status: "completed", conclusion: "failure" },
      workflow: { name: "Test" },
    });
    const run = await call<{ status: string; conclusion: string }>(sim, `/repos/${repo}/actions/runs/${id}`);
    expect(run.body).toMatchObject({ status: "completed", conclusion: "failure" });

    // A workflow with runs stays, as `deleted`, once its file is gone.
    const removed = await controlAnswer(sim, "DELETE", `/repos/${repo}/actions/workflows/test.yaml`);
    expect(removed.body).toMatchObject({ state: "deleted" });
    await received();
    expect(
      (await call<{ state: string }>(sim, `/repos/${repo}/actions/workflows/test.yaml`)).body.state,
    ).toBe("deleted");
    expect(
      (await controlAnswer(sim, "PATCH", `/repos/${repo}/actions/runs/${id}`, { status: "waiting" })).status,
    ).toBe(422);
  });

  it("a deployment creates its environment; a status follows; both deliveries match GitHub's schemas", async () => {
    const created = await controlAnswer<{ deployment: { id: number; environment: string; task: string } }>(
      sim,
      "POST",
      `/repos/${repo}/deployments`,
      { environment: "qa", task: "deploy" },
    );
    expect(created.status).toBe(201);
    const { id } = created.body.deployment;
    expect((await call<{ name: string }>(sim, `/repos/${repo}/environments/qa`)).body.name).toBe("qa");
    const status = await controlAnswer<{ deployment_status: { id: number; state: string } }>(
      sim,
      "POST",
      `/repos/${repo}/deployments/${id}/statuses`,
      { state: "success", environment_url: "https://qa.example.dev" },
    );
    expect(status.status).toBe(201);
    const events = await received();
    expect(events.map(([name]) => name)).toEqual(["deployment", "deployment_status"]);
    expect(webhookPayloadProblems("deployment$created", events[0]?.[1])).toEqual([]);
    expect(webhookPayloadProblems("deployment_status$created", events[1]?.[1])).toEqual([]);
    expect(events[1]?.[1]).toMatchObject({
      deployment: { id },
      deployment_status: { id: status.body.deployment_status.id, state: "success" },
    });
    expect(
      (await controlAnswer(sim, "POST", `/repos/${repo}/deployments/1/statuses`, { state: "success" }))
        .status,
    ).toBe(404);
  });
  it("deleting the repository drops its workflows, runs, environments, deployments and commits", async () => {
    const found = sim.state.findRepository(sim.organization, "ci-playground");
    const id = found?.repository.id ?? -1;
    expect(sim.state.deployments.deploymentsOf(id).length).toBeGreaterThan(0);
    await controlAnswer(sim, "DELETE", `/repos/${repo}`);
    expect(sim.state.actions.workflowsOf(id)).toEqual([]);
    expect(sim.state.deployments.deploymentsOf(id)).toEqual([]);
    expect(sim.state.deployments.environmentsOf(id)).toEqual([]);
    expect(sim.state.defaultBranchHistory(id)).toEqual([]);
  });
});
