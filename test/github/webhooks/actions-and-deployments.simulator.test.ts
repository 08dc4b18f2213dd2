/**
 * Live events end to end against the simulator: the integration registers its organization webhook, the
 * control API changes workflows, runs and deployments, and each delivery the simulator sends becomes the
 * changes `handleEvent` gives for the five kinds.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventResource, LiveEvent } from "../../../src/engine/integration/integration.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { listenForDeliveries } from "../../support/listen-for-deliveries.js";
import { controlSimulator } from "../../support/simulator-control.js";

let sim: RunningSimulator;
let server: Server;
let integration: GitHubIntegration;
const events: LiveEvent[] = [];
let repository: string;

const control = <T>(method: string, path: string, body?: unknown) =>
  controlSimulator<T>(sim, method, path, body);

/** The deliveries received since the last call. */
async function delivered(): Promise<LiveEvent[]> {
  await sim.whenIdle();
  return events.splice(0);
}

function resource(kind: string, selector: Record<string, unknown> = {}): EventResource {
  const found = integration.kinds.find((entry) => entry.name === kind);
  if (!found) throw new Error(`no kind ${kind}`);
  return { kind, selector: found.selectorSchema.parse(selector), mappingOptions: {} };
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 41, port: 0, logger: false });
  server = await listenForDeliveries(events);
  integration = await createGitHubIntegration({
    githubHost: sim.url,
    githubToken: sim.adminToken,
    githubOrganization: sim.organization,
  });
  const [registration] = await integration.registerWebhooks(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}/integration/webhook`,
  );
  expect(registration).toMatchObject({ status: "created" });
  await control("POST", `/orgs/${sim.organization}/repos`, { name: "live-events", visibility: "private" });
  repository = `${sim.organization}/live-events`;
  await delivered();
});
afterAll(async () => {
  await sim?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("live events from the simulator", () => {
  it("workflow files: added and changed upsert the workflow, removing the last file deletes it", async () => {
    const { workflow } = await control<{ workflow: { id: number } }>(
      "PUT",
      `/repos/${repository}/actions/workflows/ci.yml`,
      { name: "CI" },
    );
    const [push] = await delivered();
    if (!push) throw new Error("no push delivery");
    expect(integration.kindsTouchedBy(push)).toEqual(expect.arrayContaining(["workflow"]));
    const added = await integration.handleEvent(push, resource("workflow"));
    expect(added?.upserted).toEqual([
      expect.objectContaining({
        id: workflow.id,
        name: "CI",
        state: "active",
        __repository: "live-events",
        __organization: sim.organization,
      }),
    ]);
    await control("DELETE", `/repos/${repository}/actions/workflows/ci.yml`);
    const [removal] = await delivered();
    if (!removal) throw new Error("no push delivery");
    const removed = await integration.handleEvent(removal, resource("workflow"));
    expect(removed?.upserted).toEqual([]);
    expect(removed?.deleted).toEqual([
      {
        path: ".github/workflows/ci.yml",
        name: "ci.yml",
        __repository: "live-events",
        __organization: sim.organization,
      },
    ]);
  });

  it("workflow runs: every action upserts the re-read run; a statuses selector deletes runs it no longer keeps", async () => {
    await control("PUT", `/repos/${repository}/actions/workflows/test.yml`, { name: "Test" });
    await delivered();
    const { run } = await control<{ run: { id: number } }>("POST", `/repos/${repository}/actions/runs`, {
      workflow: "test.yml",
    });
    await control("PATCH", `/repos/${repository}/actions/runs/${run.id}`, { status: "in_progress" });
    await control("PATCH", `/repos/${repository}/actions/runs/${run.id}`, {
      status: "completed",
      conclusion: "success",
    });
    const deliveries = await delivered();
    expect(deliveries.map((d) => d.payload.action)).toEqual(["requested", "in_progress", "completed"]);
    expect(new Set(deliveries.map((d) => integration.groupKey(d))).size).toBe(1);
    for (const delivery of deliveries) {
      expect(integration.kindsTouchedBy(delivery)).toEqual(["workflow-run"]);
      const changes = await integration.handleEvent(delivery, resource("workflow-run"));
      // Re-read: the run as it is now, whatever the delivery said.
      expect(changes?.upserted).toEqual([
        expect.objectContaining({
          id: run.id,
          status: "completed",
          conclusion: "success",
          __repository: "live-events",
        }),
      ]);
    }
    const [requested] = deliveries;
    const onlyFailures = await integration.handleEvent(
      requested as LiveEvent,
      resource("workflow-run", { statuses: ["failure"] }),
    );
    expect(onlyFailures?.deleted.map((r) => r.id)).toEqual([run.id]);
  });

  it("deployments and their statuses upsert environment, deployment and deployment-status", async () => {
    const { deployment } = await control<{ deployment: { id: number } }>(
      "POST",
      `/repos/${repository}/deployments`,
      { environment: "staging", task: "deploy" },
    );
    const { deployment_status: status } = await control<{ deployment_status: { id: number } }>(
      "POST",
      `/repos/${repository}/deployments/${deployment.id}/statuses`,
      { state: "success" },
    );
    const [created, statusCreated] = await delivered();
    if (!created || !statusCreated) throw new Error("missing deliveries");
    expect(integration.kindsTouchedBy(created)).toEqual(["environment", "deployment"]);
    const environment = await integration.handleEvent(
      created,
      resource("environment", { includeVariables: true }),
    );
    expect(environment?.upserted).toEqual([
      expect.objectContaining({ name: "staging", __variables: [], __repository: "live-events" }),
    ]);
    const upsert = await integration.handleEvent(created, resource("deployment", { environment: "staging" }));
    expect(upsert?.upserted).toEqual([
      expect.objectContaining({ id: deployment.id, task: "deploy", __organization: sim.organization }),
    ]);
    expect(
      await integration.handleEvent(created, resource("deployment", { environment: "production" })),
    ).toBeNull();
    const statusChanges = await integration.handleEvent(statusCreated, resource("deployment-status"));
    expect(statusChanges?.upserted).toEqual([
      expect.objectContaining({
        id: status.id,
        state: "success",
        __deployment_id: String(deployment.id),
        __repository: "live-events",
      }),
    ]);
  });
});
