/**
 * Missed-delivery recovery end to end: Portolan (embedded catalog on disk) registers its webhook against
 * the simulator; deliveries are switched off and changes are made through the control API; Portolan is
 * stopped and started again on the same data and port, and the start-up set-up redelivers what it
 * missed, which the catalog then shows. Misses older than GitHub's redelivery window are resynced.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../../src/cli/demo/demo-mapping.js";
import { setUpWebhooks } from "../../../src/cli/set-up-webhooks.js";
import { type RunningPortolan, startPortolan } from "../../../src/cli/start-portolan.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../../src/engine/settings/settings-schema.js";
import type { WebhookRegistration } from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";

let sim: RunningSimulator;
let portolan: RunningPortolan | undefined;
let port: number;
const dataDir = mkdtempSync(join(tmpdir(), "portolan-recovery-"));
const secret = randomBytes(16).toString("hex");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function control(method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${sim.url}/_simulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  await sim.whenIdle();
}

/** Starts Portolan on the same data directory and port, and runs the start-up webhook set-up. */
async function start(): Promise<{ running: RunningPortolan; registrations: WebhookRegistration[] }> {
  const settings = settingsSchema.parse({
    integration: {
      identifier: "recovery-test",
      type: "github",
      config: {
        githubHost: sim.url,
        githubToken: sim.adminToken,
        githubOrganization: sim.organization,
        webhookSecret: secret,
      },
    },
    dataDir,
    port,
    adminPassword: "recovery test admin password",
  });
  const running = await startPortolan({
    settings,
    logger: silentLogger(),
    mapping: (defaultMapping) => demoMapping(defaultMapping, ["repository"]),
  });
  portolan = running;
  const registrations = await setUpWebhooks(
    running,
    `http://127.0.0.1:${port}/integration/webhook`,
    silentLogger(),
  );
  await sim.whenIdle();
  await running.dataSource.whenEventsIdle();
  return { running, registrations };
}

async function repositories(running: RunningPortolan): Promise<string[]> {
  const keys = await running.catalog.ownedKeys("recovery-test");
  return keys.filter((key) => key.blueprint === "githubRepository").map((key) => key.identifier);
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 8, logger: false });
  port = await freePort();
});
afterAll(async () => {
  await portolan?.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("missed webhook deliveries", () => {
  it("are redelivered at start, once, and the catalog shows the changes made while Portolan was down", async () => {
    const first = await start();
    expect(first.registrations).toEqual([
      expect.objectContaining({ status: "created", recovery: expect.objectContaining({ redelivered: 0 }) }),
    ]);
    await control("POST", `/orgs/${sim.organization}/repos`, { name: "before-downtime" });
    await first.running.dataSource.whenEventsIdle();
    expect(await repositories(first.running)).toEqual(["before-downtime"]);

    // Down: the simulator cannot reach Portolan while these changes happen.
    await control("POST", "/webhooks/delivery", { enabled: false });
    await control("POST", `/orgs/${sim.organization}/repos`, { name: "during-downtime" });
    await control("POST", `/orgs/${sim.organization}/repos`, { name: "also-during-downtime" });
    await control("DELETE", `/repos/${sim.organization}/before-downtime`);
    await first.running.close();
    await control("POST", "/webhooks/delivery", { enabled: true });
    // Deliveries while Portolan is stopped fail on their own (connection refused).
    await control("POST", `/orgs/${sim.organization}/repos`, { name: "while-stopped" });

    const second = await start();
    expect(second.registrations).toEqual([
      expect.objectContaining({
        status: "unchanged",
        recovery: expect.objectContaining({ redelivered: 4, deferred: 0, unrecoverable: [] }),
      }),
    ]);
    expect((await repositories(second.running)).sort()).toEqual(
      ["also-during-downtime", "during-downtime", "while-stopped"].sort(),
    );
    const redeliveries = sim.state.deliveries().filter((delivery) => delivery.redelivery);
    expect(redeliveries.map((delivery) => delivery.statusCode)).toEqual([202, 202, 202, 202]);

    // Idempotent: the next check finds nothing left to recover.
    const again = await setUpWebhooks(
      second.running,
      `http://127.0.0.1:${port}/integration/webhook`,
      silentLogger(),
    );
    expect(again).toEqual([
      expect.objectContaining({ recovery: expect.objectContaining({ redelivered: 0, unrecoverable: [] }) }),
    ]);
    expect(sim.state.deliveries().filter((delivery) => delivery.redelivery)).toHaveLength(4);
    await second.running.close();
    portolan = undefined;
  });

  it("resyncs what GitHub no longer redelivers", async () => {
    const running = (await start()).running;
    await control("POST", "/webhooks/delivery", { enabled: false });
    await control("POST", `/orgs/${sim.organization}/repos`, { name: "missed-long-ago" });
    await control("POST", "/webhooks/delivery", { enabled: true, redelivery_window_seconds: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const registrations = await setUpWebhooks(
      running,
      `http://127.0.0.1:${port}/integration/webhook`,
      silentLogger(),
    );
    expect(registrations).toEqual([
      expect.objectContaining({
        recovery: expect.objectContaining({
          redelivered: 0,
          unrecoverable: [expect.objectContaining({ event: "repository", action: "created" })],
        }),
      }),
    ]);
    await running.dataSource.resyncs.settle();
    const [resync] = await running.dataSource.history.list("recovery-test", 1);
    expect(resync).toMatchObject({ trigger: "missed-deliveries", status: "completed" });
    expect(await repositories(running)).toContain("missed-long-ago");
  });
});
