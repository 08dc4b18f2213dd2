/**
 * The repo-scoped kinds pull-request, issue, release, tag and branch listed from the simulator (github.com
 * and `/api/v3` paths) with their selector keys, compared with what the simulator holds; and the fan-out's
 * failure handling with a scripted GitHub.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPortolanError } from "../../../src/engine/errors/portolan-error.js";
import type { IntegrationKind, RawObject } from "../../../src/engine/integration/integration.js";
import { GitHubClient } from "../../../src/github/client/github-client.js";
import { createTokenContext, type GitHubContext } from "../../../src/github/github-context.js";
import { parseGitHubSettings } from "../../../src/github/github-settings.js";
import { createBranchKind } from "../../../src/github/kinds/branch.js";
import { createIssueKind } from "../../../src/github/kinds/issue.js";
import { createPullRequestKind } from "../../../src/github/kinds/pull-request.js";
import { createReleaseKind } from "../../../src/github/kinds/release.js";
import { createTagKind } from "../../../src/github/kinds/tag.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryRecord } from "../../../src/simulator/state/repository.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { collect, FakeGitHub, fakeContext } from "../fake-github.js";

const DAY_MS = 86_400_000;
const logger = pino({ level: "silent" });

let sim: RunningSimulator;
let repositories: RepositoryRecord[];

beforeAll(async () => {
  sim = await startSimulator({ seed: 5 });
  const org = sim.state.findAccount(sim.organization);
  repositories = sim.state.repositoriesOwnedBy(org?.id ?? 0);
});
afterAll(async () => sim.close());

function contextFor(baseUrl: string, token = sim.adminToken): GitHubContext {
  const settings = parseGitHubSettings({
    githubHost: baseUrl,
    githubToken: token,
    githubOrganization: sim.organization,
  });
  const client = GitHubClient.create({
    baseUrl: settings.githubHost,
    credential: { type: "token", token },
    logger,
  });
  return createTokenContext(settings, client, logger);
}

async function list<S>(
  kind: IntegrationKind<S>,
  selector: unknown,
  mappingOptions = {},
): Promise<RawObject[]> {
  const pages = await collect(kind.list({ selector: kind.selectorSchema.parse(selector), mappingOptions }));
  for (const page of pages) expect(page.length).toBeLessThanOrEqual(100);
  return pages.flat();
}

const key = (item: RawObject, id: string) => `${String(item.__repository)}#${String(item[id])}`;

describe.each([
  ["github.com paths", () => sim.url],
  ["GitHub Enterprise Server /api/v3 paths", () => sim.enterpriseUrl],
])("repo-scoped kinds at %s", (_label, baseUrl) => {
  it("pull-request: open ones by default, every repository, with __repository and __organization", async () => {
    const kind = createPullRequestKind(contextFor(baseUrl()));
    const pulls = await list(kind, { query: "true" });
    const expected = repositories.flatMap((repository) =>
      sim.state.activity
        .pullRequestsOf(repository.id)
        .filter((pull) => pull.state === "open")
        .map((pull) => `${repository.name}#${pull.number}`),
    );
    expect(pulls.map((pull) => key(pull, "number")).sort()).toEqual(expected.sort());
    for (const pull of pulls) {
      expect(pull.__organization).toBe(sim.organization);
      expect(pull.state).toBe("open");
      expect((pull.head as { repo: { name: string } }).repo.name).toBe(pull.__repository);
    }
  });

  it("pull-request: closed ones updated within `since` days, at most 100 per repository by default", async () => {
    const kind = createPullRequestKind(contextFor(baseUrl()), { now: () => sim.state.epochMs });
    for (const since of [60, 365]) {
      const pulls = await list(kind, { query: "true", states: ["closed"], since });
      const cutoff = sim.state.epochMs - since * DAY_MS;
      const expected = repositories.flatMap((repository) =>
        sim.state.activity
          .pullRequestsOf(repository.id)
          .filter((pull) => pull.state === "closed" && Date.parse(pull.updatedAt) >= cutoff)
          .sort((a, b) =>
            a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : b.number - a.number,
          )
          .slice(0, 100)
          .map((pull) => `${repository.name}#${pull.number}`),
      );
      expect(pulls.map((pull) => key(pull, "number")).sort()).toEqual(expected.sort());
    }
    const busiest = Math.max(
      ...repositories.map(
        (repository) =>
          sim.state.activity.pullRequestsOf(repository.id).filter((p) => p.state === "closed").length,
      ),
    );
    expect(busiest).toBeGreaterThan(100);
  });

  it("pull-request: closedSinceDate filters on closed_at with no cap; maxResults caps; both states", async () => {
    const kind = createPullRequestKind(contextFor(baseUrl()), { now: () => sim.state.epochMs });
    const since = new Date(sim.state.epochMs - 400 * DAY_MS).toISOString().slice(0, 10);
    const uncapped = await list(kind, { states: ["closed"], closedSinceDate: since });
    const cutoff = Date.parse(`${since}T00:00:00Z`);
    const expected = repositories.flatMap((repository) =>
      sim.state.activity
        .pullRequestsOf(repository.id)
        .filter((pull) => pull.closedAt !== null && Date.parse(pull.closedAt) >= cutoff)
        .map((pull) => `${repository.name}#${pull.number}`),
    );
    expect(uncapped.map((pull) => key(pull, "number")).sort()).toEqual(expected.sort());
    expect(Math.max(...countBy(uncapped))).toBeGreaterThan(100);

    const capped = await list(kind, { states: ["closed"], closedSinceDate: since, maxResults: 3 });
    expect(Math.max(...countBy(capped))).toBe(3);

    const both = await list(kind, { states: ["open", "closed"], maxResults: 2, since: 3650 });
    expect(new Set(both.map((pull) => pull.state))).toEqual(new Set(["open", "closed"]));
  });

  it("issue: state and all-of labels, pull requests included as GitHub returns them", async () => {
    const kind = createIssueKind(contextFor(baseUrl()));
    const all = await list(kind, { state: "all" });
    const expectedCount = repositories.reduce(
      (sum, repository) =>
        sum +
        sim.state.activity.issuesOf(repository.id).length +
        sim.state.activity.pullRequestsOf(repository.id).length,
      0,
    );
    expect(all).toHaveLength(expectedCount);
    expect(all.some((issue) => "pull_request" in issue)).toBe(true);
    const open = await list(kind, {});
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((issue) => issue.state === "open")).toBe(true);
    const bugs = await list(kind, { state: "all", labels: ["bug", "Enhancement"] });
    expect(bugs.length).toBeGreaterThan(0);
    for (const issue of bugs) {
      const names = (issue.labels as Array<{ name: string }>).map((label) => label.name);
      expect(names).toEqual(expect.arrayContaining(["bug", "enhancement"]));
      expect(issue.__organization).toBe(sim.organization);
    }
  });

  it("release and tag: every one, tags with __repository_object", async () => {
    const releases = await list(createReleaseKind(contextFor(baseUrl())), {});
    const expectedReleases = repositories.flatMap((repository) =>
      sim.state.activity.releasesOf(repository.id).map((release) => `${repository.name}#${release.id}`),
    );
    expect(releases.map((release) => key(release, "id")).sort()).toEqual(expectedReleases.sort());
    const tags = await list(createTagKind(contextFor(baseUrl())), {});
    const expectedTags = repositories.flatMap((repository) =>
      sim.state.activity.tagsOf(repository.id).map((tag) => `${repository.name}#${tag.name}`),
    );
    expect(tags.map((tag) => key(tag, "name")).sort()).toEqual(expectedTags.sort());
    for (const tag of tags) {
      expect((tag.__repository_object as { name: string }).name).toBe(tag.__repository);
      expect((tag.commit as { sha: string }).sha).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it("branch: listed, detailed, default only, named ones, and protection rules", async () => {
    const kind = createBranchKind(contextFor(baseUrl()));
    const listed = await list(kind, {});
    const expected = repositories.flatMap((repository) =>
      sim.state.activity.branchesOf(repository.id).map((branch) => `${repository.name}#${branch.name}`),
    );
    expect(listed.map((branch) => key(branch, "name")).sort()).toEqual(expected.sort());
    for (const branch of listed) {
      const repository = branch.__repository_object as { default_branch: string; name: string };
      expect(branch.__is_default_branch).toBe(branch.name === repository.default_branch);
      expect(branch).not.toHaveProperty("_links");
      expect(branch).not.toHaveProperty("__protection_rules");
    }

    const detailed = await list(kind, { detailed: true });
    expect(detailed).toHaveLength(listed.length);
    for (const branch of detailed) {
      expect(branch).toHaveProperty("_links");
      expect((branch.commit as { commit: { message: string } }).commit.message).toEqual(expect.any(String));
    }

    const defaults = await list(kind, { defaultBranchOnly: true, branchNames: ["ignored"] });
    expect(defaults).toHaveLength(repositories.length);
    expect(defaults.every((branch) => branch.__is_default_branch === true)).toBe(true);

    const slashed = listed.find((branch) => String(branch.name).includes("/"));
    const named = await list(kind, { branchNames: [String(slashed?.name), "no-such-branch"] });
    expect(named.map((branch) => key(branch, "name"))).toContain(key(slashed as RawObject, "name"));
    expect(named.every((branch) => branch.name === slashed?.name)).toBe(true);

    const withRules = await list(kind, { protectionRules: true });
    for (const branch of withRules) {
      if (branch.protected) {
        expect(
          (branch.__protection_rules as { required_status_checks: { contexts: string[] } })
            .required_status_checks.contexts.length,
        ).toBeGreaterThan(0);
      } else {
        expect(branch.__protection_rules).toEqual({});
      }
    }
    expect(withRules.some((branch) => branch.protected)).toBe(true);
  });
});

function countBy(pulls: RawObject[]): number[] {
  const counts = new Map<string, number>();
  for (const pull of pulls)
    counts.set(String(pull.__repository), (counts.get(String(pull.__repository)) ?? 0) + 1);
  return [...counts.values()];
}

describe("repo-scoped kind failures", () => {
  it("rejects bad selector values where they are written", () => {
    const kind = createPullRequestKind(contextFor(sim.url));
    expect(kind.selectorSchema.safeParse({ states: ["merged"] }).success).toBe(false);
    expect(kind.selectorSchema.safeParse({ since: 0 }).success).toBe(false);
    expect(kind.selectorSchema.safeParse({ closedSinceDate: "last tuesday" }).success).toBe(false);
    expect(
      kind.selectorSchema.parse({ closedSinceDate: "2024-03-01T10:00:00" }).closedSinceDate?.toISOString(),
    ).toBe("2024-03-01T10:00:00.000Z");
    expect(
      kind.selectorSchema
        .parse({ closedSinceDate: "2024-03-01T10:00:00+02:00" })
        .closedSinceDate?.toISOString(),
    ).toBe("2024-03-01T08:00:00.000Z");
    // Unknown keys are ignored for these kinds, as in Ocean.
    expect(kind.selectorSchema.parse({ typo: 1 })).toMatchObject({
      states: ["open"],
      since: 60,
      maxResults: null,
    });
    expect(createIssueKind(contextFor(sim.url)).selectorSchema.safeParse({ state: "merged" }).success).toBe(
      false,
    );
  });

  it("protection rules a non-admin may not read fail the kind (after the other repositories), never {}", async () => {
    const org = sim.state.findAccount(sim.organization);
    const memberId = [...(org?.members ?? [])].find(([, role]) => role === "member")?.[0];
    const { token } = await controlSimulator<{ token: string }>(sim, "POST", "/tokens", {
      login: sim.state.findAccountById(memberId ?? 0)?.login,
      scopes: ["repo", "read:org"],
    });
    const kind = createBranchKind(contextFor(sim.url, token));
    const pages: RawObject[][] = [];
    let failure: unknown;
    try {
      for await (const page of kind.list({
        selector: kind.selectorSchema.parse({ protectionRules: true }),
        mappingOptions: {},
      })) {
        pages.push(page);
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(AggregateError);
    const errors = (failure as AggregateError).errors;
    expect(errors.length).toBe(repositories.length);
    expect(
      errors.every((error) => isPortolanError(error) && error.code === "GITHUB_MISSING_PERMISSION"),
    ).toBe(true);
    expect((failure as AggregateError).message).toContain(
      `listing branch failed for ${repositories.length} of ${repositories.length} repositories`,
    );
  });

  it("a failing repository does not stop the others; a repository gone since listing is skipped", async () => {
    const repo = (name: string) => ({
      id: name.length,
      name,
      full_name: `acme/${name}`,
      owner: { login: "acme" },
      default_branch: "main",
    });
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .onPages("/orgs/acme/repos", [[repo("a"), repo("bb"), repo("ccc"), repo("dddd")]])
      .onPages("/repos/acme/a/releases", [[{ id: 1, tag_name: "v1" }]])
      .on("GET", "/repos/acme/bb/releases", {
        status: 403,
        body: { message: "Resource not accessible by personal access token" },
      })
      .on("GET", "/repos/acme/ccc/releases", { status: 404, body: { message: "Not Found" } })
      .onPages("/repos/acme/dddd/releases", [[{ id: 4, tag_name: "v4" }]]);
    const kind = createReleaseKind(fakeContext(fake, { githubOrganization: "acme" }));
    const pages: RawObject[][] = [];
    let failure: unknown;
    try {
      for await (const page of kind.list({ selector: kind.selectorSchema.parse({}), mappingOptions: {} }))
        pages.push(page);
    } catch (error) {
      failure = error;
    }
    expect(pages.flat().map((release) => `${release.__repository}:${release.tag_name}`)).toEqual([
      "a:v1",
      "dddd:v4",
    ]);
    expect(isPortolanError(failure) && failure.code).toBe("GITHUB_MISSING_PERMISSION");
    expect(isPortolanError(failure) && failure.message).toContain("Contents: read-only");
  });

  it("stops paging closed pull requests once a page ends before the cutoff", async () => {
    const pull = (number: number, updated: string) => ({
      number,
      state: "closed",
      updated_at: updated,
      closed_at: updated,
    });
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .onPages("/orgs/acme/repos", [[{ id: 1, name: "svc", owner: { login: "acme" } }]])
      .onPages("/repos/acme/svc/pulls", [
        [pull(9, "2024-06-10T00:00:00Z"), pull(8, "2024-05-01T00:00:00Z")],
        [pull(7, "2024-04-01T00:00:00Z")],
      ]);
    const kind = createPullRequestKind(fakeContext(fake, { githubOrganization: "acme" }), {
      now: () => Date.parse("2024-06-30T00:00:00Z"),
    });
    const items = (
      await collect(
        kind.list({
          selector: kind.selectorSchema.parse({ states: ["closed"], since: 30 }),
          mappingOptions: {},
        }),
      )
    ).flat();
    expect(items.map((item) => item.number)).toEqual([9]);
    const requests = fake.requests("GET", "/repos/acme/svc/pulls");
    expect(requests).toHaveLength(1);
    expect(requests[0]?.query).toMatchObject({
      state: "closed",
      sort: "updated",
      direction: "desc",
      per_page: "100",
    });
  });

  it("repoSearch selects the repositories through the search API (repositoryType not applied)", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/users/acme", { body: { login: "acme", type: "Organization" } })
      .onPages("/search/repositories", [[{ id: 1, name: "svc", owner: { login: "acme" } }]])
      .onPages("/repos/acme/svc/issues", [[{ number: 3, state: "open" }]]);
    const kind = createIssueKind(fakeContext(fake, { githubOrganization: "acme" }));
    const selector = kind.selectorSchema.parse({ repoSearch: { query: "topic:payments archived:false" } });
    const items = (
      await collect(kind.list({ selector, mappingOptions: { repositoryType: "private" } }))
    ).flat();
    expect(items).toEqual([{ number: 3, state: "open", __repository: "svc", __organization: "acme" }]);
    expect(fake.requests("GET", "/search/repositories")[0]?.query.q).toBe(
      "org:acme topic:payments archived:false",
    );
    expect(fake.requests("GET", "/orgs/acme/repos")).toHaveLength(0);
    expect(fake.requests("GET", "/repos/acme/svc/issues")[0]?.query).toMatchObject({ state: "open" });
  });
});
