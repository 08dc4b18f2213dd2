/**
 * Conditional requests against the simulator with the ETag cache in a real store: an unchanged second
 * listing of the REST kinds is almost all 304s, costs almost no rate limit, and gives the same raw
 * objects; a change shows through; the cache stays within its bound.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntegrationKind, RawObject } from "../../../src/engine/integration/integration.js";
import type { Database, Queryable } from "../../../src/engine/store/database.js";
import { openDatabase } from "../../../src/engine/store/open-database.js";
import { StoreEtagCache } from "../../../src/github/client/store-etag-cache.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { databaseFactories } from "../../support/databases.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { simulatorGitHubSettings } from "../../support/simulator-github-settings.js";

const KINDS = ["repository", "issue", "release", "tag", "branch", "workflow", "environment", "collaborator"];

let simulator: RunningSimulator;
let database: Database;
let disposeDatabase: () => Promise<void>;
let integration: GitHubIntegration;
const statuses: number[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ seed: 9, port: 0, logger: false });
});
afterAll(async () => {
  await simulator?.close();
});

/** The `core` points the admin token has used, as GitHub's `/rate_limit` (which costs none) says. */
async function coreUsed(): Promise<number> {
  const response = await fetch(`${simulator.url}/rate_limit`, {
    headers: { authorization: `token ${simulator.adminToken}` },
  });
  const body = (await response.json()) as { resources: { core: { used: number } } };
  return body.resources.core.used;
}

async function storedKeys(): Promise<string[]> {
  const { rows } = await database.query<{ request_key: string }>("SELECT request_key FROM github_etags");
  return rows.map((row) => row.request_key);
}

async function listAll(): Promise<Record<string, RawObject[]>> {
  const listed: Record<string, RawObject[]> = {};
  for (const name of KINDS) {
    const kind = integration.kinds.find((entry) => entry.name === name) as IntegrationKind;
    listed[name] = [];
    for await (const page of kind.list({ selector: kind.selectorSchema.parse({}), mappingOptions: {} }))
      listed[name].push(...page);
    // Repositories are listed several at a time: their items arrive in no fixed order across them.
    listed[name].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return listed;
}

describe.each(databaseFactories)("ETag cache on $name", (factory) => {
  beforeAll(async () => {
    ({ database, dispose: disposeDatabase } = await factory.create());
    integration = await createGitHubIntegration(simulatorGitHubSettings(simulator), {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        statuses.push(response.status);
        return response;
      },
    });
    integration.attachEtagCache(new StoreEtagCache(database));
  });
  afterAll(async () => {
    await disposeDatabase?.();
  });

  it("stores a body as it came, whatever its size and characters", async () => {
    const writer = new StoreEtagCache(database);
    const body = JSON.stringify(
      Array.from({ length: 2_000 }, (_, index) => ({
        index,
        title: `Ünïcødé ✓ 🚀 line\nbreak "quoted" ${index}`,
      })),
    );
    await writer.put("large", { etag: '"large"', body, link: null });
    await writer.flush();
    expect(await new StoreEtagCache(database).reuse("large", '"large"')).toEqual({
      etag: '"large"',
      body,
      link: null,
    });
  });

  it("makes an unchanged second listing mostly 304s that cost no rate limit, with the same objects", async () => {
    const usedBefore = await coreUsed();
    const first = await listAll();
    const firstRequests = statuses.splice(0);
    const firstCost = (await coreUsed()) - usedBefore;
    expect(firstRequests.length).toBeGreaterThan(KINDS.length);
    expect(firstCost).toBe(firstRequests.filter((status) => status === 200).length);

    const second = await listAll();
    const secondRequests = statuses.splice(0);
    const secondCost = (await coreUsed()) - usedBefore - firstCost;
    expect(second).toEqual(first);
    expect(secondRequests.length).toBe(firstRequests.length);
    const notModified = secondRequests.filter((status) => status === 304).length;
    expect(notModified / secondRequests.length).toBeGreaterThanOrEqual(0.95);
    expect(secondCost).toBeLessThanOrEqual(firstCost * 0.05);
  });

  it("shows a change: the changed listing is answered 200 with the new body", async () => {
    await listAll();
    statuses.splice(0);
    await controlSimulator(simulator, "POST", `/orgs/${simulator.organization}/repos`, {
      name: `etag-cache-new-repository-${factory.name}`,
    });
    const after = await listAll();
    expect(after.repository?.map((repository) => repository.name)).toContain(
      `etag-cache-new-repository-${factory.name}`,
    );
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
  });

  it("asks again without the ETag when a 304 finds its entry gone from the store (evicted by another)", async () => {
    statuses.splice(0);
    const before = await listAll();
    const beforeStatuses = statuses.splice(0);
    // Another cache on the same store evicted everything after this one read its ETags.
    await database.query("DELETE FROM github_etags");
    const after = await listAll();
    const afterStatuses = statuses.splice(0);
    const answered = (list: number[]) => list.filter((status) => status === 200).length;
    expect(after).toEqual(before);
    expect(afterStatuses.filter((status) => status === 304).length).toBeGreaterThan(0);
    // Every request beyond the earlier listing's is an unconditional one, answered 200 with the body.
    expect(answered(afterStatuses)).toBeGreaterThan(answered(beforeStatuses));
    expect(afterStatuses.length - beforeStatuses.length).toBe(
      answered(afterStatuses) - answered(beforeStatuses),
    );
  });

  it("takes a stored body that does not inflate for a miss, so the request goes again without its ETag", async () => {
    const writer = new StoreEtagCache(database);
    await writer.put("damaged", { etag: '"d"', body: '{"ok":true}', link: null });
    await writer.flush();
    await database.query(
      "UPDATE github_etags SET body = decode('00ff00ff', 'hex') WHERE request_key = 'damaged'",
    );
    expect(await new StoreEtagCache(database).reuse("damaged", '"d"')).toBeUndefined();
  });

  it("is read back by a new cache on the same store once its writes are flushed", async () => {
    const writer = new StoreEtagCache(database);
    await writer.put("flushed", { etag: '"w"', body: '{"kept":true}', link: "<next>" });
    // Readable at once from the writer, written or not.
    expect(await writer.reuse("flushed", '"w"')).toEqual({
      etag: '"w"',
      body: '{"kept":true}',
      link: "<next>",
    });
    await writer.flush();
    const reader = new StoreEtagCache(database);
    expect(await reader.etag("flushed")).toBe('"w"');
    expect(await reader.reuse("flushed", '"w"')).toEqual({
      etag: '"w"',
      body: '{"kept":true}',
      link: "<next>",
    });
    // Replaced since the reader read its ETag: the old ETag finds nothing to replay.
    await writer.put("flushed", { etag: '"w2"', body: "{}", link: null });
    await writer.flush();
    expect(await reader.reuse("flushed", '"w"')).toBeUndefined();
  });

  it("writes entries put together in one statement, and reads the bodies of 304s arriving together in one", async () => {
    const statements: string[] = [];
    const counting = (store: Queryable): Queryable => ({
      query: (sql, parameters) => {
        statements.push(sql.trim().split(/\s+/)[0] ?? "");
        return store.query(sql, parameters);
      },
    });
    const counted: Database = {
      ...database,
      inTurn: (work) => database.inTurn((store) => work(counting(store))),
      transaction: (work) => database.transaction((tx) => work(counting(tx))),
    };
    const cache = new StoreEtagCache(counted);
    const keys = Array.from({ length: 40 }, (_, index) => `batched-${index}`);
    await Promise.all(keys.map((key) => cache.put(key, { etag: `"${key}"`, body: `"${key}"`, link: null })));
    await cache.flush();
    expect(statements.filter((statement) => statement === "INSERT")).toHaveLength(1);
    const stored = await storedKeys();
    expect(keys.every((key) => stored.includes(key))).toBe(true);

    const reader = new StoreEtagCache(counted);
    statements.length = 0;
    const bodies = await Promise.all(keys.map((key) => reader.reuse(key, `"${key}"`)));
    expect(bodies.map((entry) => entry?.body)).toEqual(keys.map((key) => `"${key}"`));
    expect(statements.filter((statement) => statement === "SELECT")).toHaveLength(1);
    // Marked used, together too, so the bound evicts others first.
    await reader.flush();
    expect(statements.filter((statement) => statement === "UPDATE")).toHaveLength(1);
  });

  it("answers from memory an entry whose write is sent but not yet committed", async () => {
    // On PostgreSQL a read on another connection would not see the row before COMMIT.
    let readBeforeCommit: unknown = "not read";
    const holding: Database = {
      ...database,
      transaction: (work) =>
        database.transaction(async (tx) => {
          const result = await work(tx);
          readBeforeCommit = await Promise.race([
            cache.reuse("committing", '"c"'),
            new Promise((resolve) => setTimeout(() => resolve("the read waited for the commit"), 2_000)),
          ]);
          return result;
        }),
    };
    const cache = new StoreEtagCache(holding);
    await cache.put("committing", { etag: '"c"', body: '{"sent":true}', link: null });
    await cache.flush();
    expect(readBeforeCommit).toEqual({ etag: '"c"', body: '{"sent":true}', link: null });
  });

  it("drops what it could not write once the store is closed, instead of trying forever", async () => {
    const closing = await openDatabase({});
    const cache = new StoreEtagCache(closing);
    expect(await cache.etag("late")).toBeUndefined();
    await closing.close();
    await cache.put("late", { etag: '"l"', body: "{}", link: null });
    await cache.flush();
    expect(await cache.etag("late")).toBeUndefined();
  });

  it("keeps at most its bound, dropping the least recently used entries", async () => {
    const bounded = new StoreEtagCache(database, { maxEntries: 3 });
    const { rows } = await database.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM github_etags",
    );
    expect(rows[0]?.count).toBeGreaterThan(3);
    await bounded.put("newest", { etag: '"n"', body: "[]", link: null });
    await bounded.flush();
    const left = await storedKeys();
    expect(left).toHaveLength(3);
    expect(left).toContain("newest");
    expect(await bounded.reuse("newest", '"n"')).toEqual({ etag: '"n"', body: "[]", link: null });
  });

  it("keeps no body that holds one of the integration's secrets", async () => {
    const cache = new StoreEtagCache(database, { knownSecrets: ["ghp_secretvalue123"] });
    await cache.put("with-secret", {
      etag: '"s"',
      body: '{"homepage":"x?token=ghp_secretvalue123"}',
      link: null,
    });
    await cache.put("without-secret", { etag: '"t"', body: '{"homepage":"x"}', link: null });
    await cache.flush();
    expect(await storedKeys()).not.toContain("with-secret");
    expect(await cache.etag("with-secret")).toBeUndefined();
    expect(await cache.reuse("without-secret", '"t"')).toEqual({
      etag: '"t"',
      body: '{"homepage":"x"}',
      link: null,
    });
  });

  it("keeps no body that holds anyone's credential-shaped text (another data source's token, a key)", async () => {
    const cache = new StoreEtagCache(database, { knownSecrets: [] });
    const someoneElses = `ghp_${"a1B2".repeat(9)}`;
    await cache.put("foreign-token", { etag: '"f"', body: `{"homepage":"x?t=${someoneElses}"}`, link: null });
    await cache.put("plain", { etag: '"p"', body: '{"homepage":"ghp_short"}', link: null });
    await cache.flush();
    expect(await storedKeys()).not.toContain("foreign-token");
    expect(await cache.etag("foreign-token")).toBeUndefined();
    expect(await cache.reuse("plain", '"p"')).toEqual({
      etag: '"p"',
      body: '{"homepage":"ghp_short"}',
      link: null,
    });
  });
});
