/**
 * A repository deleted on GitHub between the resync's listing of it and the reads of its pull requests
 * and issues, against the simulator (the repository really is deleted through its control API when the
 * first read of it goes out), through a real resync into a real catalog.
 *
 * The pull-request kind lists the repository, then finds it gone (404) when reading its pull requests;
 * the issue kind, which lists repositories afresh, no longer sees it. The outcome decided from the
 * engine's stale-deletion rules: a repository gone since it was listed is no failure (GitHub no longer has anything of it to list), so the kinds complete, the resync is
 * complete and stale deletion runs. Its pull requests and issues are then deleted, rightly: they are
 * gone with it, and a failure here would instead keep them (and every other stale entity) for good.
 * Its repository entity was listed alive earlier in the same resync, so it stays until the next resync,
 * which no longer lists it, deletes it. Nothing of the other repositories is deleted. The content kinds
 * (here `skill`) find it gone when reading its file tree, with the same outcome.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { type CatalogResync, openCatalogResync } from "../../support/catalog-resync.js";
import { deleteRepositoryOnRequest } from "../../support/delete-repository-on-request.js";
import { controlAnswer } from "../../support/simulator-control.js";

const KINDS = ["organization", "repository", "pull-request", "issue"];

let simulator: RunningSimulator;
let harness: CatalogResync;

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${simulator.url}${path}`, {
    headers: { authorization: `Bearer ${simulator.adminToken}` },
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

function integrationWith(
  options: { fetch?: typeof fetch; logger?: pino.Logger } = {},
): Promise<GitHubIntegration> {
  return createGitHubIntegration(
    {
      githubHost: simulator.url,
      githubToken: simulator.adminToken,
      githubOrganization: simulator.organization,
    },
    options,
  );
}

interface OpenPull {
  id: number;
  head: { repo: { name: string } | null };
}

/**
 * The catalog identifiers of a repository's open pull requests and issues (the demo mapping's; the issue
 * kind keeps the pull requests GitHub's issues API lists), and how many issues are not pull requests.
 */
async function entitiesOf(
  repository: string,
): Promise<{ pulls: string[]; issues: string[]; plainIssues: number }> {
  const base = `/repos/${simulator.organization}/${repository}`;
  const pulls = await api<OpenPull[]>(`${base}/pulls?state=open&per_page=100`);
  const issues = await api<Array<{ number: number; pull_request?: unknown }>>(
    `${base}/issues?state=open&per_page=100`,
  );
  return {
    pulls: pulls.map((pull) => `${pull.head.repo?.name ?? ""}${pull.id}`),
    issues: issues.map((issue) => `${repository}${issue.number}`),
    plainIssues: issues.filter((issue) => issue.pull_request === undefined).length,
  };
}

beforeAll(async () => {
  simulator = await startSimulator({ seed: 21 });
  harness = await openCatalogResync("repository-gone");
});
afterAll(async () => {
  await harness?.close();
  await simulator?.close();
});

describe("a repository deleted between the resync's listing and its reads", { timeout: 240_000 }, () => {
  it("the kind that listed it skips it with a warning, its pull requests and issues are deleted as stale, the other repositories sync, and its repository entity goes with the next resync", async () => {
    const first = await harness.resync(await integrationWith(), KINDS);
    expect(first.status, JSON.stringify(first.errors)).toBe("completed");
    const repositoriesBefore = await harness.identifiers("githubRepository");
    const pullsBefore = await harness.identifiers("githubPullRequest");
    const issuesBefore = await harness.identifiers("githubIssue");

    // The victim: a repository with open pull requests and open issues in the catalog.
    const names = (
      await api<Array<{ name: string }>>(`/orgs/${simulator.organization}/repos?per_page=100`)
    ).map((repository) => repository.name);
    let victim: string | undefined;
    let gone = { pulls: [] as string[], issues: [] as string[], plainIssues: 0 };
    for (const name of names) {
      const entities = await entitiesOf(name);
      if (entities.pulls.length > 0 && entities.plainIssues > 0) {
        victim = name;
        gone = entities;
        break;
      }
    }
    if (!victim) throw new Error("the seed has no repository with open pull requests and issues");
    expect(pullsBefore).toEqual(expect.arrayContaining(gone.pulls));
    expect(issuesBefore).toEqual(expect.arrayContaining(gone.issues));
    // A new issue in another repository: synced only if the resync went on with the others.
    const other = names.find((name) => name !== victim) as string;
    const opened = await controlAnswer<{ issue: { number: number } }>(
      simulator,
      "POST",
      `/repos/${simulator.organization}/${other}/issues`,
      { title: "opened while another repository is deleted" },
    );
    expect(opened.status).toBe(201);
    const { issue } = opened.body;

    const warnings: Array<{ kind?: string; repository?: string; msg: string }> = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => warnings.push(JSON.parse(line)) });
    const hook = deleteRepositoryOnRequest(
      simulator,
      { owner: simulator.organization, name: victim },
      new RegExp(`^/repos/${simulator.organization}/${victim}/(pulls|issues)$`),
    );
    const summary = await harness.resync(await integrationWith({ fetch: hook.fetch, logger }), KINDS);

    // Deleted once the repository kind had listed it (mapping order), by the pull-request kind's read.
    expect(hook.triggeredBy()).toBe(`/repos/${simulator.organization}/${victim}/pulls`);
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(summary.errors).toEqual([]);
    // The pull-request kind had listed it: its read is skipped with a warning. The issue kind, which lists
    // the repositories afresh afterwards, no longer sees it at all.
    const skipped = warnings
      .filter((line) => line.msg === "repository gone since it was listed")
      .map((line) => `${line.kind} ${line.repository}`);
    expect(skipped).toEqual([`pull-request ${simulator.organization}/${victim}`]);
    expect(summary.deletion.performed).toBe(true);
    expect(await harness.identifiers("githubRepository")).toEqual(repositoriesBefore);
    expect(await harness.identifiers("githubPullRequest")).toEqual(
      pullsBefore.filter((id) => !gone.pulls.includes(id)),
    );
    expect(await harness.identifiers("githubIssue")).toEqual(
      [...issuesBefore.filter((id) => !gone.issues.includes(id)), `${other}${issue.number}`].sort(),
    );

    // The next resync no longer lists the repository: its entity goes, nothing else does.
    const next = await harness.resync(await integrationWith(), KINDS);
    expect(next.status, JSON.stringify(next.errors)).toBe("completed");
    expect(next.deletions.map((deletion) => `${deletion.blueprint} ${deletion.identifier}`)).toEqual([
      `githubRepository ${victim}`,
    ]);
    expect(await harness.identifiers("githubRepository")).toEqual(
      repositoriesBefore.filter((name) => name !== victim),
    );
  });
  it("a content kind (skill) that listed it skips it with a warning, its skills are deleted as stale, the other repositories' skills stay", async () => {
    const skills = ["organization", "repository", "skill"];
    // A catalog of its own: the first case's pull requests and issues are none of this one's business.
    const skillCatalog = await openCatalogResync("repository-gone-skills");
    onTestFinished(() => skillCatalog.close());
    const first = await skillCatalog.resync(await integrationWith(), skills);
    expect(first.status, JSON.stringify(first.errors)).toBe("completed");
    const skillsBefore = await skillCatalog.identifiers("githubSkill");
    const repositoriesBefore = await skillCatalog.identifiers("githubRepository");
    // The victim: a repository holding skills, while another one holds some too.
    const owners = [...new Set(skillsBefore.map((identifier) => identifier.split("/")[0] as string))];
    expect(owners.length, "repositories with skills").toBeGreaterThan(1);
    const victim = owners[0] as string;
    const gone = skillsBefore.filter((identifier) => identifier.startsWith(`${victim}/`));

    const warnings: Array<{ repository?: string; msg: string }> = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => warnings.push(JSON.parse(line)) });
    const hook = deleteRepositoryOnRequest(
      simulator,
      { owner: simulator.organization, name: victim },
      new RegExp(`^/repos/${simulator.organization}/${victim}/git/trees/`),
    );
    const summary = await skillCatalog.resync(await integrationWith({ fetch: hook.fetch, logger }), skills);

    expect(hook.triggeredBy()).toMatch(new RegExp(`^/repos/${simulator.organization}/${victim}/git/trees/`));
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(
      warnings
        .filter((line) => line.msg === "repository or branch gone (404): no file tree to read")
        .map((line) => line.repository),
    ).toEqual([`${simulator.organization}/${victim}`]);
    expect(await skillCatalog.identifiers("githubSkill")).toEqual(
      skillsBefore.filter((identifier) => !gone.includes(identifier)),
    );
    expect(await skillCatalog.identifiers("githubRepository")).toEqual(repositoriesBefore);

    const next = await skillCatalog.resync(await integrationWith(), skills);
    expect(next.status, JSON.stringify(next.errors)).toBe("completed");
    expect(await skillCatalog.identifiers("githubRepository")).toEqual(
      repositoriesBefore.filter((name) => name !== victim),
    );
  });
});
