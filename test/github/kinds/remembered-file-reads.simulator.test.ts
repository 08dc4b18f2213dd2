/**
 * Remembered file reads against the simulator, with the ETag cache's store: an unchanged second listing
 * of `repository` (included files) and `file` (`file://` references, included files) asks GitHub for no
 * file at all — present or absent — and costs no rate limit; a push that adds, changes or removes a file
 * is seen by the next listing; another credential sharing the store is not answered from them; a file
 * holding one of the integration's secrets is never kept.
 */
import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntegrationKind, RawObject } from "../../../src/engine/integration/integration.js";
import type { Database } from "../../../src/engine/store/database.js";
import { openDatabase } from "../../../src/engine/store/open-database.js";
import { StoreEtagCache } from "../../../src/github/client/store-etag-cache.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import {
  repositoryContentVersion,
  SETTLING_MS,
} from "../../../src/github/kinds/repository-content-version.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { simulatorGitHubSettings } from "../../support/simulator-github-settings.js";

const INCLUDED = ["README.md", "CODEOWNERS"];
const SECRET_REPOSITORY = "remembered-secret";
const FILES_REPOSITORY = "remembered-files";

let simulator: RunningSimulator;
let database: Database;
let integration: GitHubIntegration;
/** Paths (with query) of the requests the integration made since the last `takeRequests()`. */
let requests: string[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ seed: 11, port: 0, logger: false });
  database = await openDatabase({});
  integration = await createGitHubIntegration(simulatorGitHubSettings(simulator), { fetch: recordingFetch });
  integration.attachEtagCache(new StoreEtagCache(database, { knownSecrets: [simulator.adminToken] }));
  await controlSimulator(simulator, "POST", `/orgs/${simulator.organization}/repos`, {
    name: SECRET_REPOSITORY,
  });
  await push(SECRET_REPOSITORY, { "README.md": `deploy with ${simulator.adminToken}` });
  await controlSimulator(simulator, "POST", `/orgs/${simulator.organization}/repos`, {
    name: FILES_REPOSITORY,
  });
  await push(FILES_REPOSITORY, {
    "services/api/port.yml": "name: api\nowners: file://OWNERS.json\n",
    "services/api/NOTES.md": "notes",
  });
});
afterAll(async () => {
  await database?.close();
  await simulator?.close();
});

async function push(repository: string, files: Record<string, string | null>): Promise<void> {
  await controlSimulator(simulator, "POST", `/repos/${simulator.organization}/${repository}/push`, { files });
}

/**
 * `fetch`, recording each request's path and query; a GraphQL query is recorded as `POST /graphql`, then
 * one `graphql <owner>/<repository> <rev>:<path>` line per included file it reads.
 */
const recordingFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname !== "/graphql") requests.push(`${url.pathname}${url.search}`);
  else {
    requests.push("POST /graphql");
    const { query, variables } = JSON.parse(String(init?.body)) as {
      query: string;
      variables: Record<string, string>;
    };
    for (const [, alias, objects] of query.matchAll(/^\s*r(\d+): repository\(.*?\) \{(.*)\}$/gm)) {
      for (const [, file] of (objects ?? "").matchAll(/\$e(\d+)/g)) {
        requests.push(`graphql ${variables[`o${alias}`]}/${variables[`n${alias}`]} ${variables[`e${file}`]}`);
      }
    }
  }
  return fetch(input, init);
};

function takeRequests(): string[] {
  const taken = requests;
  requests = [];
  return taken;
}

/** Rate-limit points used so far, REST and GraphQL. */
async function pointsUsed(): Promise<number> {
  const response = await fetch(`${simulator.url}/rate_limit`, {
    headers: { authorization: `token ${simulator.adminToken}` },
  });
  const body = (await response.json()) as {
    resources: { core: { used: number }; graphql: { used: number } };
  };
  return body.resources.core.used + body.resources.graphql.used;
}

async function list(kindName: string, selector: unknown): Promise<RawObject[]> {
  const kind = integration.kinds.find((entry) => entry.name === kindName) as IntegrationKind;
  const items: RawObject[] = [];
  for await (const page of kind.list({ selector: kind.selectorSchema.parse(selector), mappingOptions: {} }))
    items.push(...page);
  return items;
}

const listRepositories = () => list("repository", { includedFiles: INCLUDED });
const listFiles = () =>
  list("file", {
    files: [{ path: "services/*/port.yml", repos: [{ name: FILES_REPOSITORY }] }],
    includedFiles: ["NOTES.md", "MISSING.md"],
  });

/** The files read: Contents calls (file and folder kinds) and files of included-files queries. */
const contentsReads = (paths: string[]) =>
  paths.filter((path) => path.includes("/contents/") || path.startsWith("graphql "));

function byName(repositories: RawObject[]): Map<string, RawObject> {
  return new Map(repositories.map((repository) => [String(repository.name), repository]));
}

describe("remembered file reads", () => {
  it("answer an unchanged second listing without asking GitHub for any file, present or absent", async () => {
    const usedBefore = await pointsUsed();
    const first = await listRepositories();
    const firstReads = contentsReads(takeRequests());
    const firstCost = (await pointsUsed()) - usedBefore;
    const absent = first.filter(
      (repository) => (repository.__includedFiles as Record<string, unknown>).CODEOWNERS === null,
    );
    expect(absent.length).toBeGreaterThan(0);
    expect(firstReads.length).toBe(first.length * INCLUDED.length);

    const second = await listRepositories();
    const secondRequests = takeRequests();
    const secondCost = (await pointsUsed()) - usedBefore - firstCost;
    expect(second).toEqual(first);
    // Only the secret-holding README is asked again (it was never kept).
    expect(contentsReads(secondRequests)).toEqual([
      `graphql ${simulator.organization}/${SECRET_REPOSITORY} main:README.md`,
    ]);
    // The listing's pages are 304s (free): the one query re-reading that README is all it costs.
    expect(secondRequests.filter((request) => request === "POST /graphql")).toHaveLength(1);
    expect(secondCost).toBe(1);
    expect(firstCost).toBeGreaterThan(secondCost);
  });

  it("sees a push that adds, changes or removes an included file on the next listing", async () => {
    const before = byName(await listRepositories());
    takeRequests();
    const withoutCodeowners = [...before.values()].find(
      (repository) =>
        repository.name !== SECRET_REPOSITORY &&
        (repository.__includedFiles as Record<string, unknown>).CODEOWNERS === null &&
        (repository.__includedFiles as Record<string, unknown>)["README.md"] !== null,
    );
    const untouched = [...before.values()].find(
      (repository) => repository.name !== withoutCodeowners?.name && repository.name !== SECRET_REPOSITORY,
    );
    if (!withoutCodeowners || !untouched)
      throw new Error("the seeded organization lacks a repository to push to");
    const name = String(withoutCodeowners.name);

    await push(name, { CODEOWNERS: "* @portolan-demo/owners", "README.md": "# changed" });
    const added = byName(await listRepositories());
    expect(added.get(name)?.__includedFiles).toEqual({
      "README.md": "# changed",
      CODEOWNERS: "* @portolan-demo/owners",
    });
    expect(added.get(String(untouched.name))).toEqual(before.get(String(untouched.name)));
    const reads = contentsReads(takeRequests());
    expect(reads.filter((path) => path.includes(`/${name} `))).toHaveLength(INCLUDED.length);
    expect(reads.filter((path) => path.includes(`/${String(untouched.name)} `))).toEqual([]);

    await push(name, { CODEOWNERS: null });
    const removed = byName(await listRepositories());
    expect(removed.get(name)?.__includedFiles).toEqual({ "README.md": "# changed", CODEOWNERS: null });
  });

  it("remember the file and folder kinds' reads, `file://` references and included files too, until a push", async () => {
    takeRequests();
    const first = await listFiles();
    expect(first).toHaveLength(1);
    expect(first[0]?.content).toEqual({ name: "api", owners: "" });
    expect(first[0]?.__includedFiles).toEqual({ "NOTES.md": "notes", "MISSING.md": null });
    expect(contentsReads(takeRequests()).length).toBe(4);

    expect(await listFiles()).toEqual(first);
    expect(contentsReads(takeRequests())).toEqual([]);

    const folders = () =>
      list("folder", {
        folders: [{ path: "services/*", repos: [{ name: FILES_REPOSITORY }], includedFiles: ["README.md"] }],
      });
    const firstFolders = await folders();
    expect(firstFolders.map((item) => (item.folder as RawObject).__includedFiles)).toEqual([
      { "README.md": null },
    ]);
    expect(contentsReads(takeRequests())).toHaveLength(1);
    expect(await folders()).toEqual(firstFolders);
    expect(contentsReads(takeRequests())).toEqual([]);

    await push(FILES_REPOSITORY, {
      "services/api/OWNERS.json": '["@ana"]',
      "services/api/MISSING.md": "found",
      "services/api/README.md": "the api",
    });
    const after = await listFiles();
    expect(after[0]?.content).toEqual({ name: "api", owners: ["@ana"] });
    expect(after[0]?.__includedFiles).toEqual({ "NOTES.md": "notes", "MISSING.md": "found" });
    expect((await folders()).map((item) => (item.folder as RawObject).__includedFiles)).toEqual([
      { "README.md": "the api" },
    ]);
  });

  it("are kept per credential: another token sharing the store asks GitHub itself", async () => {
    const owner = simulator.state.findAccountById(
      simulator.state.findToken(simulator.adminToken)?.userId ?? 0,
    );
    const { token } = await controlSimulator<{ token: string }>(simulator, "POST", "/tokens", {
      login: owner?.login,
      scopes: ["repo", "read:org"],
    });
    const other = await createGitHubIntegration(
      { githubHost: simulator.url, githubToken: token, githubOrganization: simulator.organization },
      { fetch: recordingFetch },
    );
    // Both tokens are secrets of this store (a README here holds the first one).
    other.attachEtagCache(new StoreEtagCache(database, { knownSecrets: [token, simulator.adminToken] }));
    const expected = await listRepositories();
    takeRequests();
    const kind = other.kinds.find((entry) => entry.name === "repository") as IntegrationKind;
    const listed: RawObject[] = [];
    for await (const page of kind.list({
      selector: kind.selectorSchema.parse({ includedFiles: INCLUDED }),
      mappingOptions: {},
    }))
      listed.push(...page);
    expect(listed).toEqual(expected);
    expect(contentsReads(takeRequests())).toHaveLength(expected.length * INCLUDED.length);
  });

  it("never keep a body holding one of the integration's secrets", async () => {
    await listRepositories();
    // Bodies are stored deflated: every one is read back whole to look for the token.
    const { rows } = await database.query<{ body: string }>(
      "SELECT encode(body, 'base64') AS body FROM github_etags",
    );
    const bodies = rows.map((row) => inflateRawSync(Buffer.from(row.body, "base64")).toString("utf8"));
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.some((body) => body.includes(SECRET_REPOSITORY))).toBe(true);
    expect(bodies.filter((body) => body.includes(simulator.adminToken))).toEqual([]);
  });
});

describe("a repository's content version", () => {
  const pushedAt = "2026-03-01T10:00:00Z";
  const repository = { id: 7, pushed_at: pushedAt };

  it("is its id and pushed_at once the push has settled", () => {
    const settled = Date.parse(pushedAt) + SETTLING_MS;
    expect(repositoryContentVersion(repository, settled)).toBe(`repository 7 pushed at ${pushedAt}`);
    expect(
      repositoryContentVersion({ ...repository, pushed_at: "2026-03-01T10:00:01Z" }, settled + 1000),
    ).not.toBe(repositoryContentVersion(repository, settled));
  });

  it("is none for a repository pushed moments ago or never, so its files are read afresh", () => {
    expect(repositoryContentVersion(repository, Date.parse(pushedAt) + 1000)).toBeUndefined();
    expect(repositoryContentVersion({ id: 7, pushed_at: null })).toBeUndefined();
    expect(repositoryContentVersion({ id: 7 })).toBeUndefined();
  });
});
