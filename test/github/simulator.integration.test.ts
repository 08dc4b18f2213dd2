/**
 * The GitHub integration against the GitHub simulator (src/simulator), at github.com paths and at
 * GitHub Enterprise Server `/api/v3` paths: organization and repository listing, access check, webhook
 * registration, and repository deliveries through `handleEvent`.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { LiveEvent, RawObject } from "../../src/engine/integration/integration.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../src/github/create-github-integration.js";
import { startSimulator } from "../../src/simulator/start-simulator.js";
import { listenForDeliveries } from "../support/listen-for-deliveries.js";
import { controlAnswer, controlSimulator } from "../support/simulator-control.js";

type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;

interface Receiver {
  url: string;
  events: LiveEvent[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const events: LiveEvent[] = [];
  const server: Server = await listenForDeliveries(events);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/integration/webhook`,
    events,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function collect(pages: AsyncIterable<RawObject[]>): Promise<RawObject[][]> {
  const result: RawObject[][] = [];
  for await (const page of pages) result.push(page);
  return result;
}

/** The repository resource of the default mapping, as the engine would hand it over. */
function defaultRepositorySelector(integration: GitHubIntegration): unknown {
  const mapping = parseYaml(integration.defaultMapping()) as {
    resources: Array<{ kind: string; selector: Record<string, unknown> }>;
  };
  const resource = mapping.resources.find((entry) => entry.kind === "repository");
  const kind = integration.kinds.find((entry) => entry.name === "repository");
  if (!resource || !kind) throw new Error("no repository resource or kind");
  return kind.selectorSchema.parse(resource.selector);
}

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ seed: 7, port: 0, logger: false });
});

afterAll(async () => {
  await simulator?.close();
});

describe.each([
  ["github.com paths", () => simulator.url],
  ["GitHub Enterprise Server /api/v3 paths", () => simulator.enterpriseUrl],
])("against the simulator at %s", (_label, baseUrl) => {
  it("lists the organization and all its repositories page by page, with included files", async () => {
    const integration = await createGitHubIntegration({
      githubHost: `${baseUrl()}/`,
      githubToken: simulator.adminToken,
      githubOrganization: simulator.organization,
    });
    const organizationKind = integration.kinds.find((kind) => kind.name === "organization");
    const repositoryKind = integration.kinds.find((kind) => kind.name === "repository");
    if (!organizationKind || !repositoryKind) throw new Error("kinds missing");

    const organizations = (
      await collect(
        organizationKind.list({ selector: organizationKind.selectorSchema.parse({}), mappingOptions: {} }),
      )
    ).flat();
    expect(organizations.map((org) => org.login)).toEqual([simulator.organization]);
    expect(organizations[0]?.type).toBe("Organization");

    const pages = await collect(
      repositoryKind.list({
        selector: defaultRepositorySelector(integration),
        mappingOptions: { repositoryType: "all" },
      }),
    );
    const repositories = pages.flat();
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(100);
    const names = repositories.map((repository) => repository.name);
    expect(new Set(names).size).toBe(names.length);
    expect(repositories.length).toBeGreaterThan(0);
    const org = simulator.state.findAccount(simulator.organization);
    expect(repositories.length).toBe(simulator.state.repositoriesOwnedBy(org?.id ?? -1).length);
    for (const repository of repositories) {
      expect(Object.keys(repository.__includedFiles as object).sort()).toEqual(["CODEOWNERS", "README.md"]);
    }
    expect(
      repositories.some(
        (repository) => typeof (repository.__includedFiles as RawObject)["README.md"] === "string",
      ),
    ).toBe(true);
  });

  it("repositoryType private lists private and internal repositories, as GitHub's type=private does", async () => {
    const integration = await createGitHubIntegration({
      githubHost: baseUrl(),
      githubToken: simulator.adminToken,
      githubOrganization: simulator.organization,
    });
    const kind = integration.kinds.find((entry) => entry.name === "repository");
    if (!kind) throw new Error("no repository kind");
    const repositories = (
      await collect(
        kind.list({ selector: kind.selectorSchema.parse({}), mappingOptions: { repositoryType: "private" } }),
      )
    ).flat();
    const org = simulator.state.findAccount(simulator.organization);
    const expected = simulator.state
      .repositoriesOwnedBy(org?.id ?? -1)
      .filter((repository) => repository.visibility !== "public");
    expect(repositories.map((repository) => repository.name).sort()).toEqual(
      expected.map((repository) => repository.name).sort(),
    );
    expect(repositories.every((repository) => repository.private === true)).toBe(true);
  });

  it("an unscoped classic token lists its organizations via /user/orgs", async () => {
    const integration = await createGitHubIntegration({
      githubHost: baseUrl(),
      githubToken: simulator.adminToken,
    });
    const access = await integration.verifyAccess();
    expect(access.tokenKind).toBe("classic");
    expect(access.organizations).toContainEqual({ login: simulator.organization, type: "Organization" });
    expect(access.scopes).toEqual(expect.arrayContaining(["repo", "read:org"]));
  });

  it("a wrong token is GITHUB_BAD_CREDENTIALS", async () => {
    const integration = await createGitHubIntegration({
      githubHost: baseUrl(),
      githubToken: "ghp_000000000000000000000000000000000000",
      githubOrganization: simulator.organization,
    });
    await expect(integration.verifyAccess()).rejects.toMatchObject({ code: "GITHUB_BAD_CREDENTIALS" });
  });
});

describe("pagination against the simulator", () => {
  it("streams more than 100 repositories as several pages, following Link rel=next", async () => {
    const big = await startSimulator({ seed: 8, port: 0, logger: false });
    try {
      for (let index = 0; index < 100; index++) {
        const created = await controlAnswer(big, "POST", `/orgs/${big.organization}/repos`, {
          name: `bulk-${index}`,
        });
        expect(created.status).toBe(201);
      }
      const integration = await createGitHubIntegration({
        githubHost: big.enterpriseUrl,
        githubToken: big.adminToken,
        githubOrganization: big.organization,
      });
      const kind = integration.kinds.find((entry) => entry.name === "repository");
      if (!kind) throw new Error("no repository kind");
      const pages = await collect(kind.list({ selector: kind.selectorSchema.parse({}), mappingOptions: {} }));
      const org = big.state.findAccount(big.organization);
      const expected = big.state.repositoriesOwnedBy(org?.id ?? -1).length;
      expect(expected).toBeGreaterThan(100);
      expect(pages.map((page) => page.length)).toEqual([100, expected - 100]);
      expect(new Set(pages.flat().map((repository) => repository.id)).size).toBe(expected);
    } finally {
      await big.close();
    }
  });
});

describe("webhooks against the simulator", () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it("registers the organization webhook once, then turns repository deliveries into changes", async () => {
    const integration = await createGitHubIntegration({
      githubHost: simulator.url,
      githubToken: simulator.adminToken,
      githubOrganization: simulator.organization,
      webhookSecret: "s3cret",
    });
    const [first] = await integration.registerWebhooks(receiver.url);
    expect(first).toMatchObject({ organization: simulator.organization, status: "created" });
    const [second] = await integration.registerWebhooks(receiver.url);
    expect(second).toMatchObject({ status: "unchanged" });

    const post = await controlAnswer(simulator, "POST", `/orgs/${simulator.organization}/repos`, {
      name: "hello-portolan",
      auto_init: true,
    });
    expect(post.status).toBe(201);
    await simulator.whenIdle();
    const created = receiver.events.find(
      (event) => event.name === "repository" && event.payload.action === "created",
    );
    if (!created)
      throw new Error(
        `no repository.created delivery: ${JSON.stringify(receiver.events.map((e) => e.name))}`,
      );
    expect(integration.kindsTouchedBy(created)).toEqual(["repository"]);
    expect(integration.groupKey(created)).toMatch(/^repository:\d+$/);

    const resource = {
      kind: "repository",
      selector: defaultRepositorySelector(integration),
      mappingOptions: {},
    };
    const upsert = await integration.handleEvent(created, resource);
    expect(upsert?.upserted.map((repository) => repository.name)).toEqual(["hello-portolan"]);
    expect(upsert?.upserted[0]?.__includedFiles).toMatchObject({
      "README.md": expect.stringContaining("# hello-portolan"),
    });

    await controlSimulator(
      simulator,
      "PATCH",
      `/repos/${simulator.organization}/hello-portolan`,
      { name: "hello-renamed" },
      { whenIdle: true },
    );
    const renamed = receiver.events.find(
      (event) => event.name === "repository" && event.payload.action === "renamed",
    );
    if (!renamed) throw new Error("no repository.renamed delivery");
    const rename = await integration.handleEvent(renamed, resource);
    expect(rename?.upserted.map((repository) => repository.name)).toEqual(["hello-renamed"]);
    expect(rename?.deleted.map((repository) => repository.name)).toEqual(["hello-portolan"]);
    expect(integration.groupKey(renamed)).toBe(integration.groupKey(created));

    await controlSimulator(simulator, "DELETE", `/repos/${simulator.organization}/hello-renamed`, undefined, {
      whenIdle: true,
    });
    const deleted = receiver.events.find(
      (event) => event.name === "repository" && event.payload.action === "deleted",
    );
    if (!deleted) throw new Error("no repository.deleted delivery");
    const deletion = await integration.handleEvent(deleted, resource);
    expect(deletion?.deleted.map((repository) => repository.name)).toEqual(["hello-renamed"]);
    expect(deletion?.upserted).toEqual([]);
  });
});
