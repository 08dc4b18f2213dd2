/**
 * A personal account end to end: Portolan (embedded catalog on disk) syncs the token owner's own account,
 * which has no organization webhook, so each of its repositories gets one (spec §5.1). Against the
 * simulator's repository hooks: hooks on start, a second start that patches instead of duplicating
 * (`skipWebhookPatching` respected), a repository event that reaches the catalog through its repository's
 * hook, and a delivery missed while GitHub could not reach Portolan, redelivered by the periodic check.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../../src/cli/demo/demo-mapping.js";
import { setUpWebhooks, type WebhookSetUp } from "../../../src/cli/set-up-webhooks.js";
import type { PortolanWithSettingsSource } from "../../../src/cli/settings-data-source.js";
import { type RunningPortolan, startPortolan } from "../../../src/cli/start-portolan.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../../src/engine/settings/settings-schema.js";
import { repositoryWebhookEvents } from "../../../src/github/webhooks/register-repository-webhooks.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryHookRecord } from "../../../src/simulator/state/repository-hook.js";
import { call } from "../../simulator/support/simulator-http.js";
import { withSettingsSource } from "../../support/settings-source.js";
import { ownerLogin } from "../../support/simulator-credentials.js";
import { freePort, waitFor } from "../../support/wait-for.js";

const DATA_SOURCE = "personal-hooks-test";
const REPOSITORIES = ["alpha", "beta", "gamma"];

let sim: RunningSimulator;
let portolan: RunningPortolan | undefined;
let port: number;
let account: string;
const dataDir = mkdtempSync(join(tmpdir(), "portolan-repository-hooks-"));
const secret = randomBytes(16).toString("hex");

async function control(method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${sim.url}/_simulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  await sim.whenIdle();
}

interface StartOptions {
  /** `webhookRecoveryIntervalSeconds`; 0 (only at start) unless a test checks the periodic runs. */
  recoveryIntervalSeconds?: number;
  skipWebhookPatching?: boolean;
}

/** Starts Portolan on the same data directory and port, and runs the start-up webhook set-up. */
async function start(
  options: StartOptions = {},
): Promise<WebhookSetUp & { running: PortolanWithSettingsSource }> {
  const settings = settingsSchema.parse({
    integration: {
      identifier: DATA_SOURCE,
      type: "github",
      config: {
        githubHost: sim.url,
        githubToken: sim.adminToken,
        githubOrganization: account,
        webhookSecret: secret,
        ...(options.skipWebhookPatching ? { skipWebhookPatching: true } : {}),
      },
    },
    dataDir,
    port,
    adminPassword: "repository hooks test admin password",
  });
  const running = withSettingsSource(
    await startPortolan({
      settings,
      logger: silentLogger(),
      mapping: (defaultMapping) => demoMapping(defaultMapping, ["repository"]),
    }),
  );
  portolan = running;
  const setUp = await setUpWebhooks(running, webhookUrl(), options.recoveryIntervalSeconds ?? 0);
  await sim.whenIdle();
  await running.dataSource.whenEventsIdle();
  return { running, ...setUp };
}

async function stop(): Promise<void> {
  await portolan?.close();
  portolan = undefined;
}

function webhookUrl(): string {
  return `http://127.0.0.1:${port}/integration/webhook`;
}

/** The hooks of one of the account's repositories, as the simulator holds them. */
function hooksOf(name: string): RepositoryHookRecord[] {
  const repository = sim.state.findRepository(account, name)?.repository;
  if (!repository) throw new Error(`no repository ${account}/${name}`);
  return sim.state.repositoryHooksOf(repository.id);
}

async function description(running: RunningPortolan, name: string): Promise<unknown> {
  const entity = await running.catalog.getEntity({ blueprint: "githubRepository", identifier: name });
  return entity?.properties.description;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 12, logger: false });
  port = await freePort();
  account = ownerLogin(sim);
  for (const name of REPOSITORIES) {
    await control("POST", `/users/${account}/repos`, { name, auto_init: true });
  }
});
afterEach(stop);
afterAll(async () => {
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a personal account's repository webhooks", () => {
  it("are created on start, then patched (not duplicated) by a later start, unless skipWebhookPatching", async () => {
    const first = await start();
    const hookIds = Object.fromEntries(REPOSITORIES.map((name) => [name, hooksOf(name)[0]?.id]));
    expect(first.registrations).toEqual([
      {
        organization: account,
        status: "repository-hooks",
        repositories: REPOSITORIES.map((name) => ({
          repository: `${account}/${name}`,
          status: "created",
          hookId: hookIds[name],
        })),
      },
    ]);
    for (const name of REPOSITORIES) {
      const [hook, ...others] = hooksOf(name);
      expect(others).toEqual([]);
      expect(hook?.config).toMatchObject({ url: webhookUrl(), contentType: "json", secret });
      expect([...(hook?.events ?? [])].sort()).toEqual([...repositoryWebhookEvents].sort());
    }
    // Each repository hook is checked for missed deliveries, like an organization's.
    expect(first.recovery).toMatchObject({ hooksChecked: REPOSITORIES.length, hooksFailed: 0 });
    await stop();

    // Someone narrows alpha's hook to pushes.
    const alphaHook = `/repos/${account}/alpha/hooks/${hookIds.alpha}`;
    const narrowed = await call(sim, alphaHook, { method: "PATCH", body: { events: ["push"] } });
    expect(narrowed.status).toBe(200);

    const skipping = await start({ skipWebhookPatching: true });
    const statuses = (setUp: WebhookSetUp) => {
      const [registration] = setUp.registrations;
      return registration && "repositories" in registration
        ? registration.repositories.map((result) => [result.repository, result.status])
        : [];
    };
    expect(statuses(skipping)).toEqual(REPOSITORIES.map((name) => [`${account}/${name}`, "unchanged"]));
    expect(hooksOf("alpha")[0]?.events).toEqual(["push"]);
    await stop();

    const patching = await start();
    expect(statuses(patching)).toEqual(
      REPOSITORIES.map((name) => [`${account}/${name}`, name === "alpha" ? "updated" : "unchanged"]),
    );
    for (const name of REPOSITORIES) {
      expect(hooksOf(name).map((hook) => hook.id)).toEqual([hookIds[name]]);
    }
    expect(hooksOf("alpha")[0]?.events).toEqual(expect.arrayContaining([...repositoryWebhookEvents]));
  });

  it("a repository event reaches the catalog through the repository's hook", async () => {
    const { running } = await start();
    const before = sim.state.deliveries().length;
    await control("PATCH", `/repos/${account}/beta`, { description: "Heard through the repository hook" });
    await running.dataSource.whenEventsIdle();
    const [delivery, ...others] = sim.state.deliveries().slice(before);
    expect(others).toEqual([]);
    expect(delivery).toMatchObject({
      event: "repository",
      action: "edited",
      hookId: hooksOf("beta")[0]?.id,
      statusCode: 202,
    });
    expect(await description(running, "beta")).toBe("Heard through the repository hook");
  });

  it("a delivery missed while GitHub could not reach Portolan is redelivered by the periodic check", async () => {
    const { running, recovery } = await start({ recoveryIntervalSeconds: 1 });
    expect(recovery).toMatchObject({ hooksChecked: REPOSITORIES.length });
    const earlier = sim.state.deliveries().length;
    await control("POST", "/webhooks/delivery", { enabled: false });
    await control("PATCH", `/repos/${account}/gamma`, { description: "Missed, then redelivered" });
    await control("POST", "/webhooks/delivery", { enabled: true });
    const [missed] = sim.state.deliveries().slice(earlier);
    expect(missed).toMatchObject({
      event: "repository",
      action: "edited",
      hookId: hooksOf("gamma")[0]?.id,
      statusCode: null,
    });
    expect(await description(running, "gamma")).not.toBe("Missed, then redelivered");

    // Deliveries settle for 20 s before a periodic check takes them up.
    await waitFor(
      "the periodic check to redeliver the miss and the catalog to show it",
      async () => {
        await running.dataSource.whenEventsIdle();
        return (await description(running, "gamma")) === "Missed, then redelivered" ? true : undefined;
      },
      120_000,
    );
    const attempts = sim.state.deliveries().filter((delivery) => delivery.id === missed?.id);
    expect(attempts.map((attempt) => [attempt.redelivery, attempt.statusCode])).toEqual([
      [false, null],
      [true, 202],
    ]);
  }, 180_000);
});
