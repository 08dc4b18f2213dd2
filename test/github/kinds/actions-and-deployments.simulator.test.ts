/**
 * The kinds workflow, workflow-run, environment, deployment and deployment-status listed from the GitHub
 * simulator, at github.com and GitHub Enterprise Server paths, with their selector filters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntegrationKind, RawObject } from "../../../src/engine/integration/integration.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryRecord } from "../../../src/simulator/state/repository.js";

async function list(
  kind: IntegrationKind,
  selector: Record<string, unknown> = {},
  mappingOptions: Record<string, unknown> = {},
) {
  const pages: RawObject[][] = [];
  for await (const page of kind.list({ selector: kind.selectorSchema.parse(selector), mappingOptions }))
    pages.push(page);
  for (const page of pages) expect(page.length).toBeGreaterThan(0);
  return pages.flat();
}

let sim: RunningSimulator;
let repositories: RepositoryRecord[];

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, port: 0, logger: false });
  const org = sim.state.findAccount(sim.organization);
  repositories = sim.state.repositoriesOwnedBy(org?.id ?? -1);
});
afterAll(async () => {
  await sim?.close();
});

describe.each([
  ["github.com paths", () => sim.url],
  ["GitHub Enterprise Server /api/v3 paths", () => sim.enterpriseUrl],
])("repository-scoped kinds at %s", (_label, baseUrl) => {
  let integration: GitHubIntegration;
  const kind = (name: string) => {
    const found = integration.kinds.find((entry) => entry.name === name);
    if (!found) throw new Error(`no kind ${name}`);
    return found;
  };
  beforeAll(async () => {
    integration = await createGitHubIntegration({
      githubHost: baseUrl(),
      githubToken: sim.adminToken,
      githubOrganization: sim.organization,
    });
  });

  it("workflow: every workflow of every repository, with __repository and __organization", async () => {
    const workflows = await list(kind("workflow"));
    const expected = repositories.flatMap((repo) =>
      sim.state.actions.workflowsOf(repo.id).map((w) => ({ repo, w })),
    );
    expect(workflows.map((w) => w.id).sort()).toEqual(expected.map(({ w }) => w.id).sort());
    for (const workflow of workflows) {
      const record = expected.find(({ w }) => w.id === workflow.id);
      expect(workflow.__repository).toBe(record?.repo.name);
      expect(workflow.__organization).toBe(sim.organization);
      expect(Object.keys(workflow).sort()).toEqual([
        "__organization",
        "__repository",
        "badge_url",
        "created_at",
        "html_url",
        "id",
        "name",
        "node_id",
        "path",
        "state",
        "updated_at",
        "url",
      ]);
    }
  });

  it("workflow: repositoryType chooses the repositories", async () => {
    const publicOnly = await list(kind("workflow"), {}, { repositoryType: "public" });
    const publicRepositories = repositories.filter((r) => r.visibility === "public");
    const expected = publicRepositories.flatMap((repo) => sim.state.actions.workflowsOf(repo.id));
    expect(publicOnly.map((w) => w.id).sort()).toEqual(expected.map((w) => w.id).sort());
  });

  it("workflow-run: runs of every workflow; statuses filter by status or conclusion, listed once", async () => {
    const runs = await list(kind("workflow-run"));
    const expected = repositories.flatMap((repo) =>
      sim.state.actions.workflowsOf(repo.id).flatMap((w) => sim.state.actions.runsOf(w.id)),
    );
    expect(runs.length).toBe(expected.length);
    expect(
      runs.every((run) => typeof run.__repository === "string" && run.__organization === sim.organization),
    ).toBe(true);
    const failing = await list(kind("workflow-run"), { statuses: ["failure", "completed", "queued"] });
    expect(
      failing.every(
        (run) => run.conclusion === "failure" || run.status === "completed" || run.status === "queued",
      ),
    ).toBe(true);
    expect(new Set(failing.map((run) => run.id)).size).toBe(failing.length);
    expect(failing.length).toBe(
      expected.filter((run) => run.status === "completed" || run.status === "queued").length,
    );
    const future = await list(kind("workflow-run"), { since_date: "2099-01-01" });
    expect(future).toEqual([]);
    const recent = await list(kind("workflow-run"), { since: 100_000 });
    expect(recent.length).toBe(expected.length);
  });

  it("environment: environments with __variables when includeVariables is set", async () => {
    const plain = await list(kind("environment"));
    const expected = repositories.flatMap((repo) => sim.state.deployments.environmentsOf(repo.id));
    expect(plain.length).toBe(expected.length);
    expect(plain.every((environment) => !("__variables" in environment))).toBe(true);
    const withVariables = await list(kind("environment"), { includeVariables: true });
    for (const environment of withVariables) {
      const record = expected.find((e) => e.id === environment.id);
      expect((environment.__variables as RawObject[]).map((v) => v.name).sort()).toEqual(
        record?.variables.map((v) => v.name).sort(),
      );
    }
  });

  it("deployment: task and environment filters are sent to GitHub", async () => {
    const all = await list(kind("deployment"));
    const expected = repositories.flatMap((repo) => sim.state.deployments.deploymentsOf(repo.id));
    expect(all.length).toBe(expected.length);
    const production = await list(kind("deployment"), { environment: "production", task: "deploy" });
    expect(production.length).toBe(
      expected.filter((d) => d.environment === "production" && d.task === "deploy").length,
    );
    expect(
      production.every((d) => d.environment === "production" && d.__organization === sim.organization),
    ).toBe(true);
  });

  it("deployment: enrichWithFirstCommit compares each deployment with the previous one of its environment", async () => {
    const enriched = await list(kind("deployment"), { enrichWithFirstCommit: true });
    const expected = repositories.flatMap((repo) => sim.state.deployments.deploymentsOf(repo.id));
    expect(enriched.length).toBe(expected.length);
    for (const deployment of enriched) {
      const record = expected.find((d) => d.id === deployment.id);
      if (!record) throw new Error(`unexpected deployment ${String(deployment.id)}`);
      const older = expected
        .filter(
          (d) =>
            d.repositoryId === record.repositoryId &&
            d.environment === record.environment &&
            d.createdAt < record.createdAt,
        )
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
      const history = sim.state.defaultBranchHistory(record.repositoryId);
      const index = (sha: string) => history.findIndex((commit) => commit.sha === sha);
      const first = deployment.__firstCommit as { __sha: string; __timestamp: string };
      if (older && index(older.sha) < index(record.sha)) {
        // The first commit after the predecessor's, and how many commits the deployment shipped.
        expect(first.__sha).toBe(history[index(older.sha) + 1]?.sha);
        expect(deployment.__commitCount).toBe(index(record.sha) - index(older.sha));
      } else {
        expect(first.__sha).toBe(record.sha);
        expect(deployment.__commitCount).toBe(1);
      }
      expect(first.__timestamp).toBe(history[index(first.__sha)]?.timestamp);
    }
  });

  it("deployment-status: every status of the selected deployments, with __deployment_id", async () => {
    const statuses = await list(kind("deployment-status"), { task: "deploy" });
    const deployments = repositories
      .flatMap((repo) => sim.state.deployments.deploymentsOf(repo.id))
      .filter((d) => d.task === "deploy");
    expect(statuses.length).toBe(
      deployments.reduce((sum, d) => sum + sim.state.deployments.statusesOf(d.id).length, 0),
    );
    for (const status of statuses) {
      const deployment = deployments.find((d) => String(d.id) === status.__deployment_id);
      expect(deployment, String(status.__deployment_id)).toBeDefined();
      expect(String(status.deployment_url).endsWith(`/deployments/${deployment?.id}`)).toBe(true);
    }
  });
});
