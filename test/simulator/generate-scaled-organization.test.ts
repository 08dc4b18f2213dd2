import { describe, expect, it } from "vitest";
import { generateOrganization } from "../../src/simulator/generate-organization.js";
import { createRandom } from "../../src/simulator/random.js";
import type { RepositoryRecord } from "../../src/simulator/state/repository.js";
import { IDS_PER_REPOSITORY } from "../../src/simulator/state/repository-scoped-ids.js";
import { createSteppingClock } from "../../src/simulator/state/simulator-clock.js";
import { SimulatorState } from "../../src/simulator/state/simulator-state.js";
import { workflowRunConclusions, workflowRunStatuses } from "../../src/simulator/state/workflow.js";

function generateAt(scale: "medium" | "large", residentRepositories?: number) {
  const epochMs = Date.UTC(2026, 0, 1);
  const state = new SimulatorState({
    clock: createSteppingClock(epochMs),
    epochMs,
    firstRepositoryId: 1000,
    firstHookId: 1,
    residentRepositories,
  });
  const generated = generateOrganization(state, createRandom(7), { organization: "acme", scale });
  return { state, ...generated, repos: state.repositoriesOwnedBy(generated.organization.id) };
}

/** Everything generated for one repository besides its record, as text. */
function snapshot(state: SimulatorState, repo: RepositoryRecord): string {
  const { id } = repo;
  const deployments = state.deployments.deploymentsOf(id);
  const workflows = state.actions.workflowsOf(id);
  return JSON.stringify({
    pulls: state.activity.pullRequestsOf(id),
    issues: state.activity.issuesOf(id),
    releases: state.activity.releasesOf(id),
    branches: state.activity.branchesOf(id),
    tags: state.activity.tagsOf(id),
    files: state
      .refsOf(id)
      .map((ref) =>
        state.listFiles(id, ref).map((path) => [ref, path, state.readFile(id, ref, path)?.length]),
      ),
    head: state.headCommit(id, repo.defaultBranch)?.sha ?? null,
    workflows,
    runs: workflows.map((workflow) => state.actions.runsOf(workflow.id)),
    environments: state.deployments.environmentsOf(id),
    deployments,
    statuses: deployments.map((deployment) => state.deployments.statusesOf(deployment.id)),
    commits: state.defaultBranchHistory(id).map((commit) => commit.sha),
    alerts: (["dependabot", "code-scanning", "secret-scanning"] as const).map((kind) =>
      state.alertsOf(kind, id),
    ),
  });
}

describe("generateOrganization at scale medium", () => {
  it("has 1,000 repositories and ~20,000 pull requests, each repository generated on first access, with every kind of data", () => {
    const { state, organization, repos } = generateAt("medium");
    expect(repos).toHaveLength(1000);
    expect(new Set(repos.map((repo) => repo.name)).size).toBe(1000);
    expect(state.residentLazyRepositories).toBe(0);
    expect(organization.members.size).toBeGreaterThanOrEqual(15);

    const seen = new Set<string>();
    let pullRequests = 0;
    for (const repo of repos) {
      const { id } = repo;
      const pulls = state.activity.pullRequestsOf(id);
      pullRequests += pulls.length;
      for (const pull of pulls) seen.add(pull.mergedAt ? "pull:merged" : `pull:${pull.state}`);
      if (state.activity.issuesOf(id).length > 0) seen.add("issue");
      if (state.activity.releasesOf(id).length > 0) seen.add("release");
      if (state.activity.tagsOf(id).length > 0) seen.add("tag");
      if (state.activity.branchesOf(id).some((branch) => branch.protection)) seen.add("protected branch");
      for (const workflow of state.actions.workflowsOf(id)) {
        seen.add(`workflow:${workflow.state}`);
        for (const run of state.actions.runsOf(workflow.id)) seen.add(`run:${run.status}:${run.conclusion}`);
      }
      if (state.deployments.environmentsOf(id).length > 0) seen.add("environment");
      for (const deployment of state.deployments.deploymentsOf(id)) {
        seen.add(`task:${deployment.task}`);
        for (const status of state.deployments.statusesOf(deployment.id))
          seen.add(`deployment:${status.state}`);
      }
      for (const kind of ["dependabot", "code-scanning", "secret-scanning"] as const) {
        for (const alert of state.alertsOf(kind, id)) seen.add(`${kind}:${alert.state}`);
      }
      for (const ref of state.refsOf(id)) {
        for (const path of state.listFiles(id, ref)) {
          if (path.endsWith("/SKILL.md")) seen.add("SKILL.md");
          if (/(^|\/)\.[a-z]+-plugin\/plugin\.json$/.test(path)) seen.add("plugin manifest");
          if (path.endsWith("port.json")) seen.add("JSON descriptor");
          if (path === "catalog-info.yaml" || path.endsWith("entities.yml")) seen.add("YAML descriptor");
          if (ref === "develop") seen.add("second branch");
        }
      }
      if (state.directCollaborators(id).size > 0) seen.add("collaborator");
    }
    expect(pullRequests).toBeGreaterThan(17_000);
    expect(pullRequests).toBeLessThan(23_000);
    expect(state.residentLazyRepositories).toBeLessThanOrEqual(500);
    expect(state.teamsOf(organization.id).length).toBeGreaterThan(0);
    const expected = [
      "pull:open",
      "pull:closed",
      "pull:merged",
      "issue",
      "release",
      "tag",
      "protected branch",
      "workflow:active",
      "workflow:disabled_manually",
      "workflow:disabled_inactivity",
      "workflow:disabled_fork",
      ...workflowRunStatuses.filter((status) => status !== "completed").map((status) => `run:${status}:null`),
      ...workflowRunConclusions.map((conclusion) => `run:completed:${conclusion}`),
      "environment",
      "task:deploy",
      "task:deploy:migrations",
      ...["error", "failure", "inactive", "pending", "success", "queued", "in_progress"].map(
        (state) => `deployment:${state}`,
      ),
      ...["open", "dismissed", "fixed", "auto_dismissed"].map((state) => `dependabot:${state}`),
      ...["open", "dismissed", "fixed"].map((state) => `code-scanning:${state}`),
      ...["open", "resolved"].map((state) => `secret-scanning:${state}`),
      "SKILL.md",
      "plugin manifest",
      "JSON descriptor",
      "YAML descriptor",
      "second branch",
      "collaborator",
    ];
    expect(expected.filter((what) => !seen.has(what))).toEqual([]);
  }, 30_000);

  it("at scale large, has 10,000 repository records and generates a repository's parts only when asked", () => {
    const { state, repos } = generateAt("large");
    expect(repos).toHaveLength(10_000);
    expect(state.residentLazyRepositories).toBe(0);
    const last = repos.at(-1) as RepositoryRecord;
    expect(state.activity.pullRequestsOf(last.id).length).toBeGreaterThan(0);
    expect(state.residentLazyRepositories).toBe(1);
  });

  it("generates a repository the same whatever the access order, and again after eviction", () => {
    const first = generateAt("medium", 3);
    const second = generateAt("medium", 3);
    const picks = [0, 1, 2, 500, 998, 999];
    const inOrder = picks.map((index) => snapshot(first.state, first.repos[index] as RepositoryRecord));
    const reversed = [...picks]
      .reverse()
      .map((index) => snapshot(second.state, second.repos[index] as RepositoryRecord))
      .reverse();
    expect(reversed).toEqual(inOrder);
    expect(first.state.residentLazyRepositories).toBeLessThanOrEqual(3);
    expect(snapshot(first.state, first.repos[0] as RepositoryRecord)).toBe(inOrder[0]);
  });

  it("derives a repository's ids from its index, without generating the others", () => {
    const { state, repos } = generateAt("medium");
    const offsets = [3, 250, 777].map((index) => {
      const repo = repos[index] as RepositoryRecord;
      const ids = state.activity.pullRequestsOf(repo.id).map((pull) => pull.id);
      return Math.min(...ids) - state.repositoryIndex(repo.id) * IDS_PER_REPOSITORY;
    });
    expect(new Set(offsets).size).toBe(1);
    expect(state.residentLazyRepositories).toBe(3);
  });

  it("keeps what changed in a pinned repository when others are evicted", () => {
    const { state, repos } = generateAt("medium", 2);
    const changed = repos[10] as RepositoryRecord;
    state.pinRepositoryParts(changed.id);
    const number = state.activity.allocateNumber(changed.id);
    const template = state.activity.issuesOf(changed.id)[0] ?? state.activity.pullRequestsOf(changed.id)[0];
    state.activity.addIssue({
      id: state.activity.allocateId("issue", changed.id),
      repositoryId: changed.id,
      number,
      title: "Added through the control API",
      body: null,
      authorId: template?.authorId ?? 1,
      assigneeIds: [],
      labels: [],
      state: "open",
      stateReason: null,
      locked: false,
      comments: 0,
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-01T00:00:00Z",
      closedAt: null,
      closedById: null,
      typeId: null,
    });
    for (const repo of repos.slice(20, 30)) state.activity.pullRequestsOf(repo.id);
    expect(state.activity.issue(changed.id, number)?.title).toBe("Added through the control API");
  });
});
