/** The skill and plugin kinds, and their push processors, against the GitHub simulator. */
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

let simulator: RunningSimulator;
let integration: GitHubIntegration;
const events: LiveEvent[] = [];
let server: Server;

beforeAll(async () => {
  simulator = await startSimulator({ seed: 5, port: 0, logger: false });
  server = await listenForDeliveries(events);
  const { port } = server.address() as AddressInfo;
  await fetch(`${simulator.url}/orgs/${simulator.organization}/hooks`, {
    method: "POST",
    headers: { authorization: `Bearer ${simulator.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "web",
      events: ["push"],
      config: { url: `http://127.0.0.1:${port}/integration/webhook`, content_type: "json" },
    }),
  });
  integration = await createGitHubIntegration({
    githubHost: simulator.enterpriseUrl,
    githubToken: simulator.adminToken,
    githubOrganization: simulator.organization,
  });
});

afterAll(async () => {
  await simulator?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function kind(name: string): IntegrationKind {
  return integration.kinds.find((entry) => entry.name === name) as IntegrationKind;
}

async function list(name: string, selector: unknown): Promise<RawObject[]> {
  const pages: RawObject[][] = [];
  for await (const page of kind(name).list({
    selector: kind(name).selectorSchema.parse(selector),
    mappingOptions: {},
  }))
    pages.push(page);
  return pages.flat();
}

function repositories(): RepositoryRecord[] {
  const org = simulator.state.findAccount(simulator.organization);
  return simulator.state.repositoriesOwnedBy(org?.id ?? -1);
}

const push = (repo: RepositoryRecord, body: Record<string, unknown>) =>
  pushAndReceive(simulator, events, repo, body);

describe("skill kind", () => {
  it("finds SKILL.md files under the default roots, with front matter, name, root and blob sha", async () => {
    const skills = await list("skill", { query: "true" });
    const byName = new Map(skills.map((item) => [(item.skill as { name: string }).name, item]));
    expect([...byName.keys()].sort()).toEqual([
      "api-review",
      "db-migrations",
      "dependency-bump",
      "hello-skill",
      "incident-triage",
      "on-call-handover",
      "release-notes",
      "test-triage",
    ]);
    // Each of the eight default roots holds one skill.
    expect(new Set(skills.map((item) => (item.skill as { root: string }).root)).size).toBe(8);
    const triage = byName.get("incident-triage") as RawObject;
    expect(Object.keys(triage)).toEqual(["skill", "__repository", "__branch", "__organization"]);
    expect(triage.skill).toEqual({
      name: "incident-triage",
      description: "Triage production incidents using catalog context and recent deploys.",
      instructions:
        "# incident-triage\n\nTriage production incidents using catalog context and recent deploys.\n",
      frontmatter: {
        name: "incident-triage",
        description: "Triage production incidents using catalog context and recent deploys.",
        "allowed-tools": ["Read", "Grep"],
      },
      path: ".claude/skills/incident-triage",
      skillMdPath: ".claude/skills/incident-triage/SKILL.md",
      root: ".claude/skills",
      blob_sha: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    // No front matter: the directory names the skill and the whole text is the body.
    expect(byName.get("release-notes")?.skill).toMatchObject({
      frontmatter: {},
      description: "",
      root: ".agents/skills",
    });
    // CRLF front matter is normalised.
    expect(byName.get("hello-skill")?.skill).toMatchObject({
      description: "A minimal example skill.",
      root: ".cursor/skills",
    });
    // Broken YAML front matter: `{}`, the body after the fence, the name from the directory.
    expect(byName.get("db-migrations")?.skill).toMatchObject({
      frontmatter: {},
      instructions: "# db-migrations\n\nPlan and review database migrations.\n",
    });
    expect(kind("skill").selectorSchema.safeParse({ paths: [{ path: "x", extra: 1 }] }).success).toBe(false);
    expect(kind("skill").selectorSchema.safeParse({ paths: [{ path: "x" }], extra: 1 }).success).toBe(true);
  });

  it("a glob starting with ** roots skills at the directory above theirs; push upserts and deletes", async () => {
    const nested = await list("skill", { paths: [{ path: "**/SKILL.md" }] });
    const triage = nested.find((item) => (item.skill as { name: string }).name === "incident-triage");
    expect((triage?.skill as { root: string } | undefined)?.root).toBe(".claude/skills");
    const deep = nested.find((item) => (item.skill as { name: string }).name === "cost-report");
    expect(deep?.skill).toMatchObject({
      path: "packages/agent-kit/skills/cost-report",
      root: "packages/agent-kit/skills",
    });
    const repo = repositories().find(
      (r) => r.name === (triage?.__repository as { name: string } | undefined)?.name,
    ) as RepositoryRecord;
    const resource = { kind: "skill", selector: kind("skill").selectorSchema.parse({}), mappingOptions: {} };
    const added = await push(repo, {
      files: { "skills/new-one/SKILL.md": "---\nname: new-one\ndescription: fresh\n---\nbody\n" },
    });
    const changes = await integration.handleEvent(added, resource);
    expect(changes?.upserted.map((item) => item.skill)).toEqual([
      expect.objectContaining({
        name: "new-one",
        description: "fresh",
        instructions: "body\n",
        root: "skills",
      }),
    ]);
    const removed = await push(repo, { files: { "skills/new-one/SKILL.md": null } });
    const deletion = await integration.handleEvent(removed, resource);
    expect(deletion?.deleted.map((item) => item.skill)).toEqual([
      expect.objectContaining({
        name: "new-one",
        path: "skills/new-one",
        skillMdPath: "skills/new-one/SKILL.md",
        root: "skills",
      }),
    ]);
    expect((deletion?.deleted[0]?.skill as { blob_sha: string } | undefined)?.blob_sha).toMatch(
      /^[0-9a-f]{40}$/,
    );
  });
});

describe("plugin kind", () => {
  it("normalises every provider's manifest of a repository, and directory-only evidence", async () => {
    const plugins = await list("plugin", { query: "true" });
    expect(plugins).toHaveLength(2);
    const full = plugins.find(
      (item) => (item.plugin as { supports: Record<string, boolean> }).supports?.cursor,
    ) as RawObject;
    const repoName = (full.__repository as { name: string }).name;
    const plugin = full.plugin as Record<string, unknown>;
    expect(Object.keys(plugin)).toEqual([
      "name",
      "displayName",
      "description",
      "version",
      "supports",
      "claude",
      "cursor",
      "codex",
      "agents",
      "kimi",
      "opencode",
      "pi",
      "antigravity",
    ]);
    expect(plugin).toMatchObject({
      name: repoName,
      displayName: `${repoName} tools`,
      description: "Cursor commands",
      supports: {
        claude: true,
        cursor: true,
        codex: true,
        agents: true,
        kimi: true,
        opencode: true,
        pi: false,
        antigravity: true,
      },
      claude: {
        name: repoName,
        description: "Claude Code commands",
        marketplaceName: `${repoName}-marketplace`,
      },
      agents: { name: repoName, marketplaceName: `${repoName}-agents` },
      opencode: { detected: true },
      pi: {},
    });
    const markers = plugins.find((item) => item !== full)?.plugin as Record<string, unknown>;
    expect(markers).toMatchObject({
      description: "",
      version: null,
      supports: { opencode: true, pi: true, cursor: false },
      opencode: { detected: true },
      pi: { detected: true },
      cursor: {},
    });
    expect(markers.displayName).toBe(markers.name);
    const onlyCursor = await list("plugin", { providers: ["cursor"] });
    expect(onlyCursor).toHaveLength(1);
    expect((onlyCursor[0]?.plugin as { opencode: unknown } | undefined)?.opencode).toEqual({});
  });

  it("a manifest push rebuilds the plugin; removing the last evidence deletes it; other pushes do nothing", async () => {
    const repo = repositories().find(
      (r) =>
        simulator.state.listFiles(r.id, r.defaultBranch).length > 0 &&
        simulator.state.readFile(r.id, r.defaultBranch, ".cursor-plugin/plugin.json") === undefined &&
        simulator.state
          .listFiles(r.id, r.defaultBranch)
          .every((p) => !p.startsWith(".opencode/") && !p.startsWith(".pi/")),
    ) as RepositoryRecord;
    const resource = {
      kind: "plugin",
      selector: kind("plugin").selectorSchema.parse({}),
      mappingOptions: {},
    };
    const unrelated = await push(repo, { files: { "src/x.ts": "x" } });
    expect(await integration.handleEvent(unrelated, resource)).toBeNull();
    const added = await push(repo, {
      files: { ".codex-plugin/plugin.json": '{"name":"codex-thing","version":"0.1.0"}' },
    });
    const changes = await integration.handleEvent(added, resource);
    expect(changes?.upserted[0]?.plugin).toMatchObject({
      name: "codex-thing",
      version: "0.1.0",
      supports: { codex: true },
    });
    const removed = await push(repo, { files: { ".codex-plugin/plugin.json": null } });
    const deletion = await integration.handleEvent(removed, resource);
    expect(deletion?.deleted).toEqual([
      expect.objectContaining({
        plugin: { name: repo.name },
        __branch: repo.defaultBranch,
        __organization: simulator.organization,
      }),
    ]);
  });
});
