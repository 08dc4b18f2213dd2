/**
 * The repository fan-out and the per-repository calls of the five kinds, against a scripted GitHub: which
 * requests are made (and with which parameters), failing repositories, and first-commit enrichment.
 */
import { describe, expect, it } from "vitest";
import type { IntegrationKind, RawObject } from "../../../src/engine/integration/integration.js";
import { REPOSITORY_CONCURRENCY } from "../../../src/github/kinds/across-repositories.js";
import { createDeploymentKind } from "../../../src/github/kinds/deployment.js";
import { createWorkflowKind } from "../../../src/github/kinds/workflow.js";
import { createWorkflowRunKind } from "../../../src/github/kinds/workflow-run.js";
import { createdFilter, workflowRunSelectorSchema } from "../../../src/github/kinds/workflow-run-selector.js";
import { FakeGitHub, fakeContext } from "../fake-github.js";

const repo = (name: string, id: number) => ({
  id,
  name,
  full_name: `acme/${name}`,
  owner: { login: "acme" },
  visibility: "public",
  private: false,
});

function organization(fake: FakeGitHub, repositories: RawObject[]): FakeGitHub {
  return fake
    .on("GET", "/users/acme", { body: { login: "acme", id: 1, type: "Organization" } })
    .onPages("/orgs/acme/repos", [repositories]);
}

async function drain<S>(kind: IntegrationKind<S>, selector: unknown, pages: RawObject[][]): Promise<unknown> {
  try {
    for await (const page of kind.list({ selector: kind.selectorSchema.parse(selector), mappingOptions: {} }))
      pages.push(page);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("repository fan-out", () => {
  it("a repository answering 403 does not stop the others; the kind then fails with GitHub's reason", async () => {
    const fake = organization(new FakeGitHub(), [repo("a", 1), repo("b", 2), repo("c", 3)])
      .on("GET", "/repos/acme/a/actions/workflows", {
        body: { total_count: 1, workflows: [{ id: 10, name: "CI" }] },
      })
      .on("GET", "/repos/acme/b/actions/workflows", {
        status: 403,
        headers: { "x-accepted-github-permissions": "actions=read" },
        body: {
          message: "Resource not accessible by personal access token",
          documentation_url: "https://docs.github.com/rest",
        },
      })
      .on("GET", "/repos/acme/c/actions/workflows", {
        body: { total_count: 1, workflows: [{ id: 30, name: "CD" }] },
      });
    const pages: RawObject[][] = [];
    const error = await drain(
      createWorkflowKind(fakeContext(fake, { githubOrganization: "acme" })),
      {},
      pages,
    );
    expect(pages.flat().map((w) => [w.id, w.__repository, w.__organization])).toEqual([
      [10, "a", "acme"],
      [30, "c", "acme"],
    ]);
    expect(error).toMatchObject({ code: "GITHUB_MISSING_PERMISSION" });
    expect(String((error as Error).message)).toContain("acme/b");
  });

  it("two failing repositories are one AggregateError; bad credentials stop at once", async () => {
    const forbidden = { status: 403, body: { message: "Resource not accessible by personal access token" } };
    const fake = organization(new FakeGitHub(), [repo("a", 1), repo("b", 2), repo("gone", 3)])
      .on("GET", "/repos/acme/a/actions/workflows", forbidden)
      .on("GET", "/repos/acme/b/actions/workflows", forbidden);
    const error = await drain(createWorkflowKind(fakeContext(fake, { githubOrganization: "acme" })), {}, []);
    expect(error).toBeInstanceOf(AggregateError);
    // The repository deleted since it was listed (404) has nothing to list and is no failure.
    expect((error as AggregateError).errors).toHaveLength(2);
    expect((error as AggregateError).message).toMatch(
      /^listing workflow failed for 2 of 3 repositories; the first: GITHUB_\w+ .*acme\/a/,
    );

    const revoked = organization(new FakeGitHub(), [repo("a", 1), repo("b", 2)]).on(
      "GET",
      "/repos/acme/a/actions/workflows",
      {
        status: 401,
        body: { message: "Bad credentials" },
      },
    );
    // workflow-run walks its repositories one after another (spec §3.6): b is never asked.
    const stopped = await drain(
      createWorkflowRunKind(fakeContext(revoked, { githubOrganization: "acme" })),
      {},
      [],
    );
    expect(stopped).toMatchObject({ code: "GITHUB_BAD_CREDENTIALS" });
    expect(revoked.requests("GET", "/repos/acme/b/actions/workflows")).toHaveLength(0);
  });

  it("bad credentials stop a concurrent fan-out from starting the remaining repositories", async () => {
    const names = Array.from({ length: 5 * REPOSITORY_CONCURRENCY }, (_, index) => `r${index}`);
    const asked = (fake: FakeGitHub) =>
      names.filter((name) => fake.requests("GET", `/repos/acme/${name}/actions/workflows`).length > 0);
    const empty = { body: { total_count: 0, workflows: [] } };
    const healthy = organization(
      new FakeGitHub(),
      names.map((name, index) => repo(name, index + 1)),
    );
    for (const name of names) healthy.on("GET", `/repos/acme/${name}/actions/workflows`, empty);
    expect(
      await drain(createWorkflowKind(fakeContext(healthy, { githubOrganization: "acme" })), {}, []),
    ).toBe(undefined);
    expect(asked(healthy)).toEqual(names);

    const revoked = organization(
      new FakeGitHub(),
      names.map((name, index) => repo(name, index + 1)),
    ).on("GET", "/repos/acme/r0/actions/workflows", { status: 401, body: { message: "Bad credentials" } });
    for (const name of names.slice(1)) revoked.on("GET", `/repos/acme/${name}/actions/workflows`, empty);
    const stopped = await drain(
      createWorkflowKind(fakeContext(revoked, { githubOrganization: "acme" })),
      {},
      [],
    );
    expect(stopped).toMatchObject({ code: "GITHUB_BAD_CREDENTIALS" });
    // Those already being read finish; no repository is started once the failure is known.
    expect(asked(revoked).length).toBeLessThan(names.length);
  });

  it("repoSearch lists the repositories through the search API", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", id: 1, type: "Organization" } })
      .on("GET", "/search/repositories", { body: { total_count: 1, items: [repo("svc", 5)] } })
      .on("GET", "/repos/acme/svc/actions/workflows", { body: { total_count: 0, workflows: [] } });
    expect(
      await drain(
        createWorkflowKind(fakeContext(fake, { githubOrganization: "acme" })),
        { repoSearch: { query: "topic:backend" } },
        [],
      ),
    ).toBeUndefined();
    expect(fake.requests("GET", "/search/repositories")[0]?.query.q).toBe("org:acme topic:backend");
    expect(fake.requests("GET", "/orgs/acme/repos")).toHaveLength(0);
  });
});

describe("workflow-run", () => {
  it("asks every workflow of every page, once per status, for its newest 100 runs", async () => {
    const fake = organization(new FakeGitHub(), [repo("a", 1)])
      .onPages("/repos/acme/a/actions/workflows", [
        [{ id: 1, path: ".github/workflows/one.yml" }],
        [{ id: 2, path: ".github/workflows/two.yml" }],
      ])
      .on("GET", "/repos/acme/a/actions/workflows/1/runs", (request) => ({
        body: {
          total_count: 2,
          workflow_runs: [
            { id: 100, status: request.query.status },
            { id: 101, status: "completed", conclusion: "failure" },
          ],
        },
        headers: {
          link: '<https://api.github.com/repos/acme/a/actions/workflows/1/runs?page=2>; rel="next"',
        },
      }))
      .on("GET", "/repos/acme/a/actions/workflows/2/runs", {
        body: { total_count: 1, workflow_runs: [{ id: 200 }] },
      });
    const pages: RawObject[][] = [];
    const selector = { statuses: ["completed", "failure"], since_date: "2024-01-01" };
    expect(
      await drain(createWorkflowRunKind(fakeContext(fake, { githubOrganization: "acme" })), selector, pages),
    ).toBeUndefined();
    const asked = fake.log.filter((entry) => entry.path.endsWith("/runs"));
    expect(
      asked.map((entry) => [entry.path, entry.query.status, entry.query.created, entry.query.per_page]),
    ).toEqual([
      ["/repos/acme/a/actions/workflows/1/runs", "completed", ">=2024-01-01", "100"],
      ["/repos/acme/a/actions/workflows/1/runs", "failure", ">=2024-01-01", "100"],
      ["/repos/acme/a/actions/workflows/2/runs", "completed", ">=2024-01-01", "100"],
      ["/repos/acme/a/actions/workflows/2/runs", "failure", ">=2024-01-01", "100"],
    ]);
    // Runs of both statuses are listed once; no second page of runs is read (Ocean's cap of 100).
    expect(pages.flat().map((run) => run.id)).toEqual([100, 101, 200]);
    expect(pages.flat().every((run) => run.__repository === "a" && run.__organization === "acme")).toBe(true);
  });

  it("selector: since wins over since_date; bad values are rejected", () => {
    const now = new Date("2026-03-10T12:00:00.000Z");
    expect(createdFilter(workflowRunSelectorSchema.parse({}), now)).toBeUndefined();
    expect(createdFilter(workflowRunSelectorSchema.parse({ since: 30, since_date: "2024-01-01" }), now)).toBe(
      ">=2026-02-08T12:00:00Z",
    );
    expect(createdFilter(workflowRunSelectorSchema.parse({ since_date: "2024-01-01" }), now)).toBe(
      ">=2024-01-01",
    );
    expect(workflowRunSelectorSchema.safeParse({ statuses: ["exploded"] }).success).toBe(false);
    expect(workflowRunSelectorSchema.safeParse({ since: 0 }).success).toBe(false);
    expect(workflowRunSelectorSchema.safeParse({ since_date: "last tuesday" }).success).toBe(false);
    // Unknown keys are ignored, as Ocean ignores them for this kind.
    expect(workflowRunSelectorSchema.safeParse({ statusez: ["completed"] }).success).toBe(true);
  });
});

describe("deployment enrichWithFirstCommit", () => {
  const commit = (sha: string, date: string) => ({ sha, commit: { committer: { date }, author: { date } } });

  it("pairs each deployment with the previous one of its environment, across pages", async () => {
    const deployments = [
      [
        { id: 3, environment: "production", sha: "ccc", created_at: "2024-03-03T00:00:00Z" },
        { id: 2, environment: "staging", sha: "bbb", created_at: "2024-03-02T00:00:00Z" },
      ],
      [
        { id: 4, environment: "production", sha: "ccc", created_at: "not a date" },
        { id: 1, environment: "production", sha: "aaa", created_at: "2024-03-01T00:00:00Z" },
      ],
    ];
    const fake = organization(new FakeGitHub(), [repo("a", 1)])
      .onPages("/repos/acme/a/deployments", deployments)
      .on("GET", "/repos/acme/a/compare/aaa...ccc", {
        body: {
          total_commits: 2,
          commits: [commit("late", "2024-03-02T12:00:00Z"), commit("early", "2024-03-01T12:00:00Z")],
        },
      })
      // 1's predecessor is 4 (an unparseable date sorts oldest); an empty comparison falls back to 1's own commit.
      .on("GET", "/repos/acme/a/compare/ccc...aaa", { body: { total_commits: 0, commits: [] } })
      .on("GET", "/repos/acme/a/commits/bbb", { body: commit("bbb", "2024-02-01T00:00:00Z") })
      .on("GET", "/repos/acme/a/commits/aaa", { body: commit("aaa", "2024-01-01T00:00:00Z") })
      .on("GET", "/repos/acme/a/commits/ccc", {
        status: 422,
        body: { message: "No commit found for SHA: ccc" },
      });
    const pages: RawObject[][] = [];
    expect(
      await drain(
        createDeploymentKind(fakeContext(fake, { githubOrganization: "acme" })),
        { enrichWithFirstCommit: true },
        pages,
      ),
    ).toBeUndefined();
    const byId = new Map(pages.flat().map((deployment) => [deployment.id, deployment]));
    expect(byId.size).toBe(4);
    expect(byId.get(3)).toMatchObject({
      __firstCommit: { __sha: "early", __timestamp: "2024-03-01T12:00:00Z" },
      __commitCount: 2,
    });
    expect(byId.get(2)).toMatchObject({
      __firstCommit: { __sha: "bbb" },
      __commitCount: 1,
      __repository: "a",
    });
    expect(byId.get(1)).toMatchObject({
      __firstCommit: { __sha: "aaa", __timestamp: "2024-01-01T00:00:00Z" },
      __commitCount: 1,
    });
    // Deployment 4 has no predecessor and its own commit is gone (422): no fields, as in Ocean.
    expect(byId.get(4)).not.toHaveProperty("__firstCommit");
    expect(byId.get(4)?.__organization).toBe("acme");
    expect(fake.requests("GET", "/repos/acme/a/compare/aaa...ccc")).toHaveLength(1);
  });

  it("without enrichWithFirstCommit, only the listing is asked (task and environment as parameters)", async () => {
    const fake = organization(new FakeGitHub(), [repo("a", 1)]).onPages("/repos/acme/a/deployments", [
      [{ id: 1, sha: "aaa" }],
    ]);
    const pages: RawObject[][] = [];
    await drain(
      createDeploymentKind(fakeContext(fake, { githubOrganization: "acme" })),
      { task: "deploy", environment: "production" },
      pages,
    );
    expect(pages.flat()).toEqual([{ id: 1, sha: "aaa", __repository: "a", __organization: "acme" }]);
    expect(fake.requests("GET", "/repos/acme/a/deployments")[0]?.query).toMatchObject({
      task: "deploy",
      environment: "production",
    });
    expect(
      fake.log.filter((entry) => entry.path.includes("/commits") || entry.path.includes("/compare")),
    ).toEqual([]);
  });
});
