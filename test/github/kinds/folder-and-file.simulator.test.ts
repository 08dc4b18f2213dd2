/**
 * The folder and file kinds against the GitHub simulator (github.com and `/api/v3` paths): listing with
 * selector filters, parsing, `file://` references, size limits, included files, and their `push`
 * processor fed with the simulator's own push deliveries.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntegrationKind, LiveEvent, RawObject } from "../../../src/engine/integration/integration.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { startSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryRecord } from "../../../src/simulator/state/repository.js";
import { listenForDeliveries } from "../../support/listen-for-deliveries.js";
import { pushAndReceive } from "./push-and-receive.js";

type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;

/** A file object's keys, in Ocean's order: the resync's raw shape. */
const FILE_OBJECT_KEYS = [
  "organization",
  "content",
  "repository",
  "branch",
  "path",
  "name",
  "metadata",
  "__base_jq",
];

let simulator: RunningSimulator;
let receiver: { url: string; events: LiveEvent[]; close(): Promise<void> };

async function startReceiver() {
  const events: LiveEvent[] = [];
  const server: Server = await listenForDeliveries(events);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/integration/webhook`,
    events,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  simulator = await startSimulator({ seed: 3, port: 0, logger: false });
  receiver = await startReceiver();
  const response = await fetch(`${simulator.url}/orgs/${simulator.organization}/hooks`, {
    method: "POST",
    headers: { authorization: `Bearer ${simulator.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "web",
      events: ["push"],
      config: { url: receiver.url, content_type: "json" },
    }),
  });
  expect(response.status).toBe(201);
});

afterAll(async () => {
  await simulator?.close();
  await receiver?.close();
});

async function list(integration: GitHubIntegration, kindName: string, selector: unknown, options = {}) {
  const kind = integration.kinds.find((entry) => entry.name === kindName) as IntegrationKind;
  const pages: RawObject[][] = [];
  for await (const page of kind.list({
    selector: kind.selectorSchema.parse(selector),
    mappingOptions: options,
  }))
    pages.push(page);
  return pages.flat();
}

function repositories(): RepositoryRecord[] {
  const org = simulator.state.findAccount(simulator.organization);
  return simulator.state.repositoriesOwnedBy(org?.id ?? -1);
}

/** The organization's repositories with a file at `path` on their default branch. */
function reposWith(pattern: RegExp, ref?: string): Array<{ repo: RepositoryRecord; path: string }> {
  return repositories().flatMap((repo) =>
    simulator.state
      .listFiles(repo.id, ref ?? repo.defaultBranch)
      .filter((path) => pattern.test(path))
      .map((path) => ({ repo, path })),
  );
}

async function integrationAt(baseUrl: string) {
  return createGitHubIntegration({
    githubHost: baseUrl,
    githubToken: simulator.adminToken,
    githubOrganization: simulator.organization,
  });
}

describe.each([
  ["github.com paths", () => simulator.url],
  ["GitHub Enterprise Server /api/v3 paths", () => simulator.enterpriseUrl],
])("file kind at %s", (_label, baseUrl) => {
  it("lists every matching file with Ocean's raw shape, parsed, with file:// references resolved", async () => {
    const integration = await integrationAt(baseUrl());
    const items = await list(integration, "file", { query: "true", files: [{ path: "**/port.json" }] });
    const expected = reposWith(/(^|\/)port\.json$/);
    expect(items.map((item) => `${(item.repository as RawObject).name}:${item.path}`).sort()).toEqual(
      expected.map(({ repo, path }) => `${repo.name}:${path}`).sort(),
    );
    const [item] = items as [RawObject];
    expect(Object.keys(item)).toEqual(FILE_OBJECT_KEYS);
    expect(item.organization).toBe(simulator.organization);
    expect(item.__base_jq).toBe(".content");
    expect(item.name).toBe("port.json");
    const repository = item.repository as RawObject;
    expect(item.branch).toBe(repository.default_branch);
    expect(repository.full_name).toBe(`${simulator.organization}/${repository.name}`);
    const metadata = item.metadata as RawObject;
    expect(metadata).toMatchObject({ path: item.path, type: "file", encoding: "base64" });
    expect(metadata).not.toHaveProperty("content");
    expect(typeof metadata.sha).toBe("string");
    const content = item.content as { name: string; readme: string };
    const directory = String(item.path).replace(/\/port\.json$/, "");
    expect(content.readme).toBe(
      simulator.state.readFile(
        (repositories().find((r) => r.name === repository.name) as RepositoryRecord).id,
        String(item.branch),
        `${directory}/README.md`,
      ),
    );
  });

  it('parses YAML lists (references in items, missing ones give ""), keeps unparsable JSON as text, honours size limits', async () => {
    const integration = await integrationAt(baseUrl());
    const [entities] = await list(integration, "file", { files: [{ path: ".port/entities.yml" }] });
    expect(entities?.content).toEqual([
      {
        identifier: "runbooks",
        title: "Runbooks",
        body: "# Runbooks\n\nRestart the worker, then page the owner.\n",
      },
      { identifier: "missing", title: "A reference to a file that does not exist", body: "" },
    ]);
    const [broken] = await list(integration, "file", { files: [{ path: "config/broken.json" }] });
    expect(broken?.content).toBe('{ "name": "unterminated", \n');
    const [settings] = await list(integration, "file", { files: [{ path: "config/*.yaml" }] });
    expect(settings?.content).toEqual({ feature_flags: { checkout_v2: true, dark_mode: false }, retries: 3 });
    const data = await list(integration, "file", { files: [{ path: "data/*" }] });
    expect(data.map((item) => item.path)).toEqual(["data/fixtures.json"]);
    expect(Number((data[0]?.metadata as RawObject | undefined)?.size)).toBeGreaterThan(100_000);
    expect(Array.isArray(data[0]?.content)).toBe(true);
    const raw = await list(integration, "file", {
      files: [{ path: "config/settings.YAML", skipParsing: true }],
    });
    expect(typeof raw[0]?.content).toBe("string");
  });
});

describe("file kind selector filters", () => {
  it("repos with a branch read that branch; organization restricts; includedFiles are relative to the file", async () => {
    const integration = await integrationAt(simulator.url);
    const [developed] = reposWith(/^services\/next-api\/port\.json$/, "develop");
    if (!developed) throw new Error("the seed has no develop branch");
    const items = await list(integration, "file", {
      files: [{ path: "services/*/port.json", repos: [{ name: developed.repo.name, branch: "develop" }] }],
      includedFiles: ["README.md", "/missing.md"],
    });
    expect(items.map((item) => item.branch)).toEqual(items.map(() => "develop"));
    expect(items.map((item) => item.path)).toContain("services/next-api/port.json");
    const other = items.find((item) => item.path !== "services/next-api/port.json");
    if (other) {
      const directory = String(other.path).replace(/\/port\.json$/, "");
      expect((other.__includedFiles as RawObject)["README.md"]).toBe(
        simulator.state.readFile(developed.repo.id, "develop", `${directory}/README.md`),
      );
    }
    expect((items[0]?.__includedFiles as RawObject | undefined)?.["/missing.md"]).toBeNull();

    expect(
      await list(integration, "file", { files: [{ path: "**", organization: "someone-else" }] }),
    ).toEqual([]);
    const missingRepo = await list(integration, "file", {
      files: [{ path: "**", repos: [{ name: "no-such-repo" }] }],
    });
    expect(missingRepo).toEqual([]);
  });

  it("rejects unknown selector keys, as Ocean's file selector does, also inside files[] and repos[]", async () => {
    const integration = await integrationAt(simulator.url);
    const kind = integration.kinds.find((entry) => entry.name === "file") as IntegrationKind;
    expect(kind.selectorSchema.safeParse({ files: [{ path: "a" }], extra: 1 }).success).toBe(false);
    expect(kind.selectorSchema.safeParse({ files: [{ path: "a", typo: true }] }).success).toBe(false);
    expect(
      kind.selectorSchema.safeParse({ files: [{ path: "a", repos: [{ name: "r", x: 1 }] }] }).success,
    ).toBe(false);
    expect(kind.selectorSchema.safeParse({ files: [{}] }).success).toBe(false);
    expect(kind.selectorSchema.parse({ files: [{ path: "a" }] })).toMatchObject({
      files: [{ path: "a", organization: null, repos: null, skipParsing: false, validationCheck: false }],
      includedFiles: [],
    });
  });
});

describe("folder kind", () => {
  it("lists matching folders with Ocean's raw shape and included files", async () => {
    const integration = await integrationAt(simulator.enterpriseUrl);
    const items = await list(integration, "folder", {
      query: "true",
      folders: [{ path: "services/*", includedFiles: ["README.md"] }],
      includedFiles: ["/README.md"],
    });
    const expected = new Set(
      reposWith(/^services\/[^/]+\//).map(
        ({ repo, path }) => `${repo.name}:${path.split("/").slice(0, 2).join("/")}`,
      ),
    );
    expect(
      new Set(
        items.map((item) => `${(item.__repository as RawObject).name}:${(item.folder as RawObject).path}`),
      ),
    ).toEqual(expected);
    const [item] = items as [RawObject];
    expect(Object.keys(item)).toEqual([
      "folder",
      "__repository",
      "__organization",
      "__branch",
      "__includedFiles",
    ]);
    const folder = item.folder as RawObject;
    expect(Object.keys(folder)).toEqual(["path", "mode", "type", "sha", "url", "__includedFiles"]);
    expect(folder).toMatchObject({ mode: "040000", type: "tree" });
    expect(String(folder.url)).toContain(`/api/v3/repos/${simulator.organization}/`);
    const repo = repositories().find(
      (r) => r.name === (item.__repository as RawObject).name,
    ) as RepositoryRecord;
    expect((folder.__includedFiles as RawObject)["README.md"]).toBe(
      simulator.state.readFile(repo.id, repo.defaultBranch, `${String(folder.path)}/README.md`),
    );
    expect((item.__includedFiles as RawObject)["/README.md"]).toBe(
      simulator.state.readFile(repo.id, repo.defaultBranch, "README.md") ?? null,
    );
    expect(item.__organization).toBe(simulator.organization);
    expect(item.__branch).toBe(repo.defaultBranch);
  });

  it('`*` and "" mean the top-level folders; globs are case-insensitive and span segments with **', async () => {
    const integration = await integrationAt(simulator.url);
    for (const path of ["*", ""]) {
      const top = await list(integration, "folder", { folders: [{ path }] });
      expect(top.length).toBeGreaterThan(0);
      expect(top.every((item) => !String((item.folder as RawObject).path).includes("/"))).toBe(true);
    }
    const adr = await list(integration, "folder", { folders: [{ path: "**/ADR" }] });
    expect(adr.map((item) => (item.folder as RawObject).path)).toEqual(adr.map(() => "docs/adr"));
    expect(adr.length).toBe(
      reposWith(/^docs\/adr\//).length > 0
        ? new Set(reposWith(/^docs\/adr\//).map((r) => r.repo.id)).size
        : 0,
    );
    const defaults = integration.kinds.find((entry) => entry.name === "folder") as IntegrationKind;
    expect(defaults.selectorSchema.parse({ folders: [{}] })).toMatchObject({
      folders: [{ path: "*", includedFiles: [] }],
    });
    expect(defaults.selectorSchema.safeParse({ folders: [{ path: "*", unknown: 1 }] }).success).toBe(false);
  });
});

describe("push deliveries", () => {
  const push = (repo: RepositoryRecord, body: Record<string, unknown>) =>
    pushAndReceive(simulator, receiver.events, repo, body);

  it("upserts changed matching files, deletes removed ones, and ignores other branches", async () => {
    const integration = await integrationAt(simulator.url);
    const [target] = reposWith(/^services\/[^/]+\/port\.json$/);
    if (!target) throw new Error("no descriptor in the seed");
    const { repo, path } = target;
    const kind = integration.kinds.find((entry) => entry.name === "file") as IntegrationKind;
    const selector = kind.selectorSchema.parse({ files: [{ path: "services/*/port.json" }] });
    const resource = { kind: "file", selector, mappingOptions: {} };
    expect(
      integration.kindsTouchedBy({ deliveryId: "x", name: "push", payload: { ref: "refs/heads/main" } }),
    ).toEqual(expect.arrayContaining(["file", "folder"]));

    const event = await push(repo, {
      files: {
        [path]: JSON.stringify({ name: "renamed", readme: "file://README.md" }),
        "services/new-api/port.json": '{"name":"new-api"}',
        "services/new-api/notes.txt": "not matched",
      },
    });
    const changes = await integration.handleEvent(event, resource);
    expect(changes?.deleted).toEqual([]);
    expect(changes?.upserted.map((item) => item.path).sort()).toEqual(
      [path, "services/new-api/port.json"].sort(),
    );
    const updated = changes?.upserted.find((item) => item.path === path) as RawObject;
    expect((updated.content as RawObject).name).toBe("renamed");
    expect(typeof (updated.content as RawObject).readme).toBe("string");
    expect((updated.repository as RawObject).full_name).toBe(`${simulator.organization}/${repo.name}`);
    expect(updated.branch).toBe(repo.defaultBranch);
    // The resync's raw shape, and its repository object (not the push payload's).
    expect(Object.keys(updated)).toEqual(FILE_OBJECT_KEYS);
    expect(typeof (updated.repository as RawObject).created_at).toBe("string");

    const removal = await push(repo, { files: { "services/new-api/port.json": null } });
    const removed = await integration.handleEvent(removal, resource);
    expect(removed?.upserted).toEqual([]);
    expect(removed?.deleted).toEqual([
      {
        organization: simulator.organization,
        path: "services/new-api/port.json",
        metadata: { path: "services/new-api/port.json" },
        repository: expect.objectContaining({ name: repo.name }),
        branch: repo.defaultBranch,
        name: "port.json",
      },
    ]);

    const feature = await push(repo, { branch: "feature/x", files: { [path]: "{}" } });
    expect(await integration.handleEvent(feature, resource)).toBeNull();
    const onBranch = kind.selectorSchema.parse({
      files: [{ path: "services/*/port.json", repos: [{ name: repo.name, branch: "feature/x" }] }],
    });
    const branchChanges = await integration.handleEvent(feature, { ...resource, selector: onBranch });
    expect(branchChanges?.upserted.map((item) => [item.path, item.branch])).toEqual([[path, "feature/x"]]);
  });

  it("re-lists folders containing a changed path and deletes folders that are gone", async () => {
    const integration = await integrationAt(simulator.url);
    const [target] = reposWith(/^services\/[^/]+\/README\.md$/);
    if (!target) throw new Error("no service folder in the seed");
    const { repo } = target;
    const kind = integration.kinds.find((entry) => entry.name === "folder") as IntegrationKind;
    const resource = {
      kind: "folder",
      selector: kind.selectorSchema.parse({ folders: [{ path: "services/*" }] }),
      mappingOptions: {},
    };
    const added = await push(repo, {
      files: { "services/brand-new/README.md": "# new\n", "docs/x.md": "x" },
    });
    const changes = await integration.handleEvent(added, resource);
    expect(changes?.upserted.map((item) => (item.folder as RawObject).path)).toEqual(["services/brand-new"]);
    expect(changes?.upserted[0]).toMatchObject({
      __branch: repo.defaultBranch,
      __organization: simulator.organization,
    });
    const gone = await push(repo, { files: { "services/brand-new/README.md": null } });
    const removal = await integration.handleEvent(gone, resource);
    expect(removal?.upserted).toEqual([]);
    expect(removal?.deleted).toEqual([
      {
        folder: { path: "services/brand-new" },
        __repository: expect.objectContaining({ name: repo.name }),
        __organization: simulator.organization,
        __branch: repo.defaultBranch,
      },
    ]);
  });
});
