/**
 * Incremental sync (spec §6) against the simulator on the wall clock: after a full resync, an
 * incremental run lists only what changed since the resource's cursor, skips kinds without an
 * incremental strategy, deletes nothing, and moves the cursor only when the resource succeeded; each
 * incremental kind's strategy lists what changed since a moment and nothing older.
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
import { controlSimulator } from "../../support/simulator-control.js";

const MAPPING = `resources:
  - kind: organization
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .login
          title: .login
          blueprint: '"githubOrganization"'
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

const control = (method: string, path: string, body?: unknown) =>
  controlSimulator<{ issue?: { number: number } }>(simulator, method, path, body);

/** Every item a kind lists for `selector`, in a full resync or (with `since`) an incremental run. */
async function list(
  name: string,
  since?: Date,
  selector: unknown = {},
): Promise<Array<Record<string, unknown>>> {
  const kind = dataSource.integration.kinds.find((entry) => entry.name === name);
  if (!kind?.incremental) throw new Error(`${name} is not incremental`);
  const items: Array<Record<string, unknown>> = [];
  const request = { selector: kind.selectorSchema.parse(selector), mappingOptions: {} };
  for await (const page of kind.list(since ? { ...request, since } : request)) items.push(...page);
  return items;
}

/** Waits for the next whole second: cursors are whole seconds, as GitHub's stamps are. */
async function nextSecond(): Promise<Date> {
  await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));
  return new Date(Math.floor(Date.now() / 1000) * 1000);
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
    expect(Object.keys(first.kinds)).toEqual(["repository", "issue"]);
    expect(first.kinds.repository?.seen).toBe(0);
    expect(first.kinds.issue?.seen).toBe(0);
    expect(first.deletion).toEqual({
      performed: false,
      reason: "incremental run: nothing is deleted",
      candidates: 0,
    });
    const cursor = await new SyncCursors(database, "incremental").get("issue", 2);
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
      `/repos/${simulator.organization}/${repository.name}/issues`,
      {
        title: "found by the incremental run",
      },
    );
    await control("DELETE", `/repos/${simulator.organization}/${repository.name}/issues/${gone.number}`);
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

describe("incremental strategies of repository, workflow-run and deployment", () => {
  const organization = () => simulator.organization;

  it("list the repositories updated since — and with included files, pushed since", async () => {
    const [edited, pushed] = (await list("repository")).map((repository) => String(repository.name));
    if (!edited || !pushed) throw new Error("the seeded organization has fewer than two repositories");
    const since = await nextSecond();
    await control("PATCH", `/repos/${organization()}/${edited}`, {
      description: "edited for the incremental run",
    });
    await control("POST", `/repos/${organization()}/${pushed}/push`, {
      files: { "README.md": "pushed since" },
    });

    const updated = await list("repository", since);
    expect(updated.map((repository) => repository.name)).toEqual([edited]);
    expect(updated[0]?.description).toBe("edited for the incremental run");
    const withFiles = await list("repository", since, { includedFiles: ["README.md"] });
    expect(withFiles.map((repository) => repository.name).sort()).toEqual([edited, pushed].sort());
    const pushedItem = withFiles.find((repository) => repository.name === pushed);
    expect(pushedItem?.__includedFiles).toEqual({ "README.md": "pushed since" });
    expect(await list("repository", new Date(Date.now() + 60_000), { includedFiles: ["README.md"] })).toEqual(
      [],
    );
  }, 60_000);

  it("list the workflow runs created since, past the full resync's 100 per workflow", async () => {
    const workflow = (await list("workflow-run"))[0];
    if (!workflow) throw new Error("the seeded organization has no workflow run");
    const repository = String(workflow.__repository);
    const workflowId = Number(workflow.workflow_id);
    const since = await nextSecond();
    const created: number[] = [];
    for (let count = 0; count < 101; count++) {
      const { run } = (await control("POST", `/repos/${organization()}/${repository}/actions/runs`, {
        workflow: workflowId,
      })) as { run?: { id: number } };
      if (run) created.push(run.id);
    }
    const listed = await list("workflow-run", since, { since: 1 });
    expect(listed.map((run) => run.id).sort()).toEqual([...created].sort());
    const full = await list("workflow-run");
    expect(full.filter((run) => run.workflow_id === workflowId)).toHaveLength(100);
  }, 120_000);

  it("list the deployments created since, pairing the first commit with an older one", async () => {
    const repository = String((await list("repository"))[0]?.name);
    const path = `/repos/${organization()}/${repository}/deployments`;
    await control("POST", path, { environment: "incremental" });
    const since = await nextSecond();
    const { deployment } = (await control("POST", path, { environment: "incremental" })) as {
      deployment?: { id: number };
    };

    expect((await list("deployment", since)).map((item) => item.id)).toEqual([deployment?.id]);
    const enriched = await list("deployment", since, { enrichWithFirstCommit: true });
    expect(enriched.map((item) => item.id)).toEqual([deployment?.id]);
    expect(enriched[0]?.__commitCount).toEqual(expect.any(Number));
    expect(await list("deployment", new Date(Date.now() + 60_000), { enrichWithFirstCommit: true })).toEqual(
      [],
    );
  }, 60_000);
});
