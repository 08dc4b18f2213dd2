/**
 * Incremental sync (spec §6) against the simulator on the wall clock: after a full resync, an
 * incremental run lists only what changed since the resource's cursor, skips kinds without an
 * incremental strategy, deletes nothing, and moves the cursor only when the resource succeeded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalCatalog } from "../../../src/engine/catalog/local-catalog.js";
import { DataSource } from "../../../src/engine/data-source/data-source.js";
import { silentLogger } from "../../../src/engine/logging/create-logger.js";
import type { Database } from "../../../src/engine/store/database.js";
import { openDatabase } from "../../../src/engine/store/open-database.js";
import type { ResyncSummary } from "../../../src/engine/sync/resync-summary.js";
import { SyncCursors } from "../../../src/engine/sync/sync-cursors.js";
import { createGitHubIntegration } from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";

const MAPPING = `resources:
  - kind: repository
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .name
          title: .name
          blueprint: '"githubRepository"'
  - kind: issue
    selector:
      query: 'true'
      state: all
    port:
      entity:
        mappings:
          identifier: .__repository + "-" + (.number|tostring)
          title: .title
          blueprint: '"githubIssue"'
`;

let simulator: RunningSimulator;
let database: Database;
let dataSource: DataSource;
let catalog: LocalCatalog;

beforeAll(async () => {
  simulator = await startSimulator({ seed: 4, port: 0, logger: false, clock: "wall" });
  database = await openDatabase({});
  catalog = new LocalCatalog(database);
  await catalog.ensureBlueprints([
    { identifier: "githubIssue", title: "Issue", schema: { properties: {}, required: [] }, relations: {} },
  ]);
  dataSource = await DataSource.open({
    id: "incremental",
    integration: await createGitHubIntegration({
      githubHost: simulator.url,
      githubToken: simulator.adminToken,
      githubOrganization: simulator.organization,
    }),
    mappingText: MAPPING,
    mappingSource: "mapping.yml",
    database,
    catalog,
    eventWorkersCount: 1,
    logger: silentLogger(),
  });
});
afterAll(async () => {
  await dataSource?.stop();
  await database?.close();
  await simulator?.close();
});

async function finished(outcome: Awaited<ReturnType<DataSource["requestResync"]>>): Promise<ResyncSummary> {
  if (!outcome.started) throw new Error("the run was skipped");
  return outcome.summary;
}

async function control(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ issue?: { number: number } }> {
  const response = await fetch(`${simulator.url}/_simulator/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} ${path} → ${response.status}`).toBe(true);
  return (await response.json()) as { issue?: { number: number } };
}

describe("incremental sync", () => {
  it("lists only what changed since the cursor, deletes nothing, and skips non-incremental kinds", async () => {
    const full = await finished(await dataSource.requestResync("full"));
    expect(full.status).toBe("completed");
    const owned = await catalog.countEntities("incremental");
    expect(full.kinds.issue?.seen).toBeGreaterThan(0);

    // First incremental run: no cursor yet, so it looks back 5 minutes — before that, only seeded data.
    const first = await finished(await dataSource.requestIncrementalResync("incremental", 5));
    expect(first.status).toBe("completed");
    expect(Object.keys(first.kinds)).toEqual(["issue"]);
    expect(first.kinds.issue?.seen).toBe(0);
    expect(first.deletion).toEqual({
      performed: false,
      reason: "incremental run: nothing is deleted",
      candidates: 0,
    });
    const cursor = await new SyncCursors(database, "incremental").get("issue", 1);
    expect(cursor?.getTime()).toBe(Math.floor(Date.parse(first.startedAt) / 1000) * 1000);

    // A new issue, and an issue deleted on GitHub: the next run brings the first and keeps the second.
    const repository = simulator.state.repositoriesOwnedBy(
      simulator.state.findAccount(simulator.organization)?.id ?? -1,
    )[0];
    if (!repository) throw new Error("no repository");
    const gone = simulator.state.activity.issuesOf(repository.id)[0];
    if (!gone) throw new Error("no seeded issue");
    const { issue: opened } = await control(
      "POST",
      `repos/${simulator.organization}/${repository.name}/issues`,
      {
        title: "found by the incremental run",
      },
    );
    await control("DELETE", `repos/${simulator.organization}/${repository.name}/issues/${gone.number}`);
    // Cursors are whole seconds: start the next run in a later second than these changes.
    await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));
    const second = await finished(await dataSource.requestIncrementalResync("incremental", 5));
    expect(second.status).toBe("completed");
    expect(second.kinds.issue).toMatchObject({ seen: 1, upserted: 1, deleted: 0 });
    expect(await catalog.countEntities("incremental")).toBe(owned + 1);
    const { entities } = await catalog.listEntities("githubIssue", { limit: 10_000, offset: 0 });
    const identifiers = entities.map((stored) => stored.identifier);
    expect(identifiers).toContain(`${repository.name}-${opened?.number}`);
    expect(identifiers).toContain(`${repository.name}-${gone.number}`);

    // Nothing changed since: the cursor moved, so nothing is listed.
    const third = await finished(await dataSource.requestIncrementalResync("incremental", 5));
    expect(third.kinds.issue?.seen).toBe(0);
  }, 60_000);

  it("alert kinds list newest updated first down to the cursor", async () => {
    const list = async (name: string, since?: Date) => {
      const kind = dataSource.integration.kinds.find((entry) => entry.name === name);
      if (!kind?.incremental) throw new Error(`${name} is not incremental`);
      const items: Array<Record<string, unknown>> = [];
      const request = { selector: kind.selectorSchema.parse({}), mappingOptions: {} };
      for await (const page of kind.list(since ? { ...request, since } : request)) items.push(...page);
      return items;
    };
    for (const name of ["dependabot-alert", "code-scanning-alerts"]) {
      const all = await list(name);
      expect(all.length, name).toBeGreaterThan(1);
      const updated = all.map((alert) => String(alert.updated_at)).sort();
      const middle = new Date(updated[Math.floor(updated.length / 2)] ?? "");
      const recent = await list(name, middle);
      expect(recent.map((alert) => String(alert.updated_at)).sort()).toEqual(
        updated.filter((stamp) => Date.parse(stamp) >= middle.getTime()),
      );
      expect(await list(name, new Date(Date.now() + 60_000))).toEqual([]);
    }
  });
});
