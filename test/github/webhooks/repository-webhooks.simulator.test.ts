/**
 * A personal account end to end: Portolan (embedded catalog on disk) syncs the token owner's own account,
 * which has no organization webhook, so each of its repositories gets one (spec §5.1). Against the
 * simulator's repository hooks: hooks on start, a second start that patches instead of duplicating
 * (`skipWebhookPatching` respected), a repository event that reaches the catalog through its repository's
 * hook, and a delivery missed while GitHub could not reach Portolan, redelivered by the periodic check
 * (a renamed repository's too, through GitHub's redirects from its former name), and a delivery of a
 * renamed repository missed while Portolan was down, redelivered by the next start.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebhookSetUp } from "../../../src/cli/set-up-webhooks.js";
import type { RunningPortolan } from "../../../src/cli/start-portolan.js";
import { repositoryWebhookEvents } from "../../../src/github/webhooks/register-repository-webhooks.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryHookRecord } from "../../../src/simulator/state/repository-hook.js";
import { call } from "../../simulator/support/simulator-http.js";
import { type RestartablePortolan, restartablePortolan } from "../../support/restartable-portolan.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { ownerLogin } from "../../support/simulator-credentials.js";
import { waitFor } from "../../support/wait-for.js";

const DATA_SOURCE = "personal-hooks-test";
const REPOSITORIES = ["alpha", "beta", "gamma"];

let sim: RunningSimulator;
let portolan: RestartablePortolan;
let account: string;

/** A control call that must succeed; returns once its deliveries were attempted. */
const control = (method: string, path: string, body?: unknown) =>
  controlSimulator(sim, method, path, body, { whenIdle: true });

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
  account = ownerLogin(sim);
  portolan = await restartablePortolan({ simulator: sim, identifier: DATA_SOURCE, account });
  for (const name of REPOSITORIES) {
    await control("POST", `/users/${account}/repos`, { name, auto_init: true });
  }
});
afterEach(() => portolan.stop());
afterAll(async () => {
  await portolan?.dispose();
  await sim.close();
});

describe("a personal account's repository webhooks", () => {
  it("are created on start, then patched (not duplicated) by a later start, unless skipWebhookPatching", async () => {
    const first = await portolan.start();
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
      expect(hook?.config).toMatchObject({
        url: portolan.webhookUrl,
        contentType: "json",
        secret: portolan.secret,
      });
      expect([...(hook?.events ?? [])].sort()).toEqual([...repositoryWebhookEvents].sort());
    }
    // Each repository hook is checked for missed deliveries, like an organization's.
    expect(first.recovery).toMatchObject({ hooksChecked: REPOSITORIES.length, hooksFailed: 0 });
    await portolan.stop();

    // Someone narrows alpha's hook to pushes.
    const alphaHook = `/repos/${account}/alpha/hooks/${hookIds.alpha}`;
    const narrowed = await call(sim, alphaHook, { method: "PATCH", body: { events: ["push"] } });
    expect(narrowed.status).toBe(200);

    const skipping = await portolan.start({ config: { skipWebhookPatching: true } });
    const statuses = (setUp: WebhookSetUp) => {
      const [registration] = setUp.registrations;
      return registration && "repositories" in registration
        ? registration.repositories.map((result) => [result.repository, result.status])
        : [];
    };
    expect(statuses(skipping)).toEqual(REPOSITORIES.map((name) => [`${account}/${name}`, "unchanged"]));
    expect(hooksOf("alpha")[0]?.events).toEqual(["push"]);
    await portolan.stop();

    const patching = await portolan.start();
    expect(statuses(patching)).toEqual(
      REPOSITORIES.map((name) => [`${account}/${name}`, name === "alpha" ? "updated" : "unchanged"]),
    );
    for (const name of REPOSITORIES) {
      expect(hooksOf(name).map((hook) => hook.id)).toEqual([hookIds[name]]);
    }
    expect(hooksOf("alpha")[0]?.events).toEqual(expect.arrayContaining([...repositoryWebhookEvents]));
  });

  it("a repository event reaches the catalog through the repository's hook", async () => {
    const { running } = await portolan.start();
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
    const { running, recovery } = await portolan.start({ recoveryIntervalSeconds: 1 });
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

  it("a repository renamed while Portolan runs is still checked under its former name, and a miss of it is redelivered", async () => {
    const { running, recovery } = await portolan.start({ recoveryIntervalSeconds: 1 });
    expect(recovery).toMatchObject({ hooksChecked: REPOSITORIES.length, hooksFailed: 0 });
    await control("PATCH", `/repos/${account}/alpha`, { name: "alpha-renamed" });
    await running.dataSource.whenEventsIdle();
    sim.requestLog.reset();
    const earlier = sim.state.deliveries().length;
    await control("POST", "/webhooks/delivery", { enabled: false });
    await control("PATCH", `/repos/${account}/alpha-renamed`, { description: "Missed after the rename" });
    await control("POST", "/webhooks/delivery", { enabled: true });
    const [missed] = sim.state.deliveries().slice(earlier);
    expect(missed).toMatchObject({ event: "repository", hookId: hooksOf("alpha-renamed")[0]?.id });

    await waitFor(
      "the periodic check to redeliver the renamed repository's miss and the catalog to show it",
      async () => {
        await running.dataSource.whenEventsIdle();
        return (await description(running, "alpha-renamed")) === "Missed after the rename" ? true : undefined;
      },
      120_000,
    );
    // Registered under the former name, the hook is listed and redelivered through GitHub's redirects
    // (301 to the listing, 307 to the redelivery), and no check failed.
    const { byEndpoint, byStatus } = sim.requestLog.summary();
    expect(byEndpoint).toMatchObject({
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries": expect.any(Number),
      "GET /repositories/{id}/hooks/{hook_id}/deliveries": expect.any(Number),
      "POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts": 1,
      "POST /repositories/{id}/hooks/{hook_id}/deliveries/{delivery_id}/attempts": 1,
    });
    expect(byStatus).toMatchObject({ "301": expect.any(Number), "307": 1 });
    expect(Object.keys(byStatus).filter((status) => Number(status) >= 400)).toEqual([]);
    expect(await running.dataSource.checkMissedDeliveries("interval")).toMatchObject({
      hooksChecked: REPOSITORIES.length,
      hooksFailed: 0,
    });
  }, 180_000);

  it("a delivery missed while Portolan was down, of a repository renamed before, is redelivered by the next start", async () => {
    const { running } = await portolan.start();
    await control("PATCH", `/repos/${account}/beta`, { name: "beta-renamed" });
    await running.dataSource.whenEventsIdle();
    await portolan.stop();
    const earlier = sim.state.deliveries().length;
    await control("PATCH", `/repos/${account}/beta-renamed`, { description: "Missed while down" });
    const [missed] = sim.state.deliveries().slice(earlier);
    expect(missed).toMatchObject({
      event: "repository",
      hookId: hooksOf("beta-renamed")[0]?.id,
      statusCode: null,
    });
    // Down for 5 minutes: a hook's first check looks back only a minute before the start.
    if (missed) missed.deliveredAt = new Date(Date.parse(missed.deliveredAt) - 300_000).toISOString();

    // This start registers the hook under the new name; its mark, kept by the hook's id, still holds.
    const restarted = await portolan.start();
    expect(restarted.recovery).toMatchObject({
      hooksChecked: REPOSITORIES.length,
      hooksFailed: 0,
      redelivered: 1,
    });
    await waitFor(
      "the redelivered miss to reach the catalog",
      async () => {
        await restarted.running.dataSource.whenEventsIdle();
        return (await description(restarted.running, "beta-renamed")) === "Missed while down"
          ? true
          : undefined;
      },
      60_000,
    );
  }, 180_000);
});
