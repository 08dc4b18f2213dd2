/**
 * The simulator's REST endpoints of the repo-scoped kinds: pull requests, issues, releases, tags, git refs,
 * branches and branch protection, at github.com and `/api/v3` paths, with GitHub's filters, `Link`
 * pagination and error bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryRecord } from "../../../src/simulator/state/repository.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

type Item = Record<string, unknown>;

describe("repository activity routes", () => {
  let sim: RunningSimulator;
  let busy: RepositoryRecord;
  let path: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 7 });
    const org = sim.state.findAccount(sim.organization);
    if (!org) throw new Error("no organization");
    const first = sim.state.repositoriesOwnedBy(org.id).find((repository) => repository.parentId === null);
    if (!first) throw new Error("no source repository");
    busy = first;
    path = `/repos/${sim.organization}/${busy.name}`;
  });
  afterAll(async () => sim.close());

  it("lists open pull requests by default, newest first, as pull-request-simple objects", async () => {
    const answer = await call<Item[]>(sim, `${path}/pulls`);
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBeGreaterThan(0);
    expect(answer.body.every((pull) => pull.state === "open")).toBe(true);
    const numbers = answer.body.map((pull) => pull.number as number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    const [pull] = answer.body as [Item];
    for (const key of [
      "head",
      "base",
      "_links",
      "requested_reviewers",
      "labels",
      "user",
      "draft",
      "merged_at",
    ]) {
      expect(pull).toHaveProperty(key);
    }
    expect((pull.head as { repo: { name: string } }).repo.name).toBe(busy.name);
    expect(pull).not.toHaveProperty("merged");
  });

  it("pages closed pull requests by updated_at descending with GitHub's Link header", async () => {
    const first = await call<Item[]>(
      sim,
      `${path}/pulls?state=closed&sort=updated&direction=desc&per_page=100`,
    );
    expect(first.body).toHaveLength(100);
    const link = first.headers.get("link") ?? "";
    expect(link).toMatch(/rel="next"/);
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? "";
    expect(next).toContain(`/repositories/${busy.id}/pulls?`);
    const second = await call<Item[]>(sim, next.replace(sim.url, ""));
    const all = [...first.body, ...second.body];
    expect(all.length).toBeGreaterThan(100);
    const updated = all.map((pull) => String(pull.updated_at));
    expect(updated).toEqual([...updated].sort().reverse());
    expect(all.some((pull) => pull.merged_at !== null)).toBe(true);
    expect(all.some((pull) => pull.merged_at === null)).toBe(true);
    const perPageCapped = await call<Item[]>(sim, `${path}/pulls?state=all&per_page=500`);
    expect(perPageCapped.body).toHaveLength(100);
  });

  it("answers one pull request in full and 404 for an unknown number", async () => {
    const list = await call<Item[]>(sim, `${path}/pulls?state=closed`);
    const number = (list.body[0] as Item).number;
    const one = await call<Item>(sim, `${path}/pulls/${number}`);
    expect(one.body).toMatchObject({ number, state: "closed" });
    expect(typeof one.body.merged).toBe("boolean");
    expect(one.body).toHaveProperty("additions");
    const missing = await call<Item>(sim, `${path}/pulls/99999`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: "Not Found", status: "404" });
  });

  it("lists issues with pull requests among them, filtered by state and by all of the labels", async () => {
    const all = await call<Item[]>(sim, `${path}/issues?state=all&per_page=100`);
    expect(all.body.some((issue) => "pull_request" in issue)).toBe(true);
    expect(all.body.some((issue) => !("pull_request" in issue))).toBe(true);
    const closed = await call<Item[]>(sim, `${path}/issues?state=closed&per_page=100`);
    expect(closed.body.every((issue) => issue.state === "closed")).toBe(true);
    const labelled = all.body.find((issue) => (issue.labels as Item[]).length >= 2);
    if (!labelled) throw new Error("the seed has no issue with two labels");
    const names = (labelled.labels as Array<{ name: string }>).map((label) => label.name);
    const filtered = await call<Item[]>(
      sim,
      `${path}/issues?state=all&per_page=100&labels=${encodeURIComponent(names.join(",").toUpperCase())}`,
    );
    expect(filtered.body.length).toBeGreaterThan(0);
    for (const issue of filtered.body) {
      const have = (issue.labels as Array<{ name: string }>).map((label) => label.name);
      expect(have).toEqual(expect.arrayContaining(names));
    }
    const one = await call<Item>(sim, `${path}/issues/${labelled.number}`);
    expect(one.body.number).toBe(labelled.number);
  });

  it("lists releases (drafts and prereleases for an admin) and reads one by id", async () => {
    const releases = await call<Item[]>(sim, `${path}/releases`);
    expect(releases.body.some((release) => release.draft === true)).toBe(true);
    expect(releases.body.some((release) => release.prerelease === true)).toBe(true);
    const id = (releases.body[0] as Item).id;
    const one = await call<Item>(sim, `${path}/releases/${id}`);
    expect(one.body).toMatchObject({ id, tag_name: (releases.body[0] as Item).tag_name });
    expect((await call(sim, `${path}/releases/1`)).status).toBe(404);
  });

  it("lists tags and reads a tag as a git ref", async () => {
    const tags = await call<Array<{ name: string; commit: { sha: string } }>>(sim, `${path}/tags`);
    expect(tags.body.length).toBeGreaterThan(0);
    const [tag] = tags.body as [{ name: string; commit: { sha: string } }];
    const ref = await call<Item>(sim, `${path}/git/ref/tags/${tag.name}`);
    expect(ref.body).toMatchObject({
      ref: `refs/tags/${tag.name}`,
      object: { sha: tag.commit.sha, type: "commit" },
    });
    const legacy = await call<Item>(sim, `${path}/git/refs/tags/${tag.name}`);
    expect(legacy.body).toEqual(ref.body);
    expect((await call(sim, `${path}/git/ref/tags/nope`)).status).toBe(404);
  });

  it("lists branches, filters protected ones, reads names with `/` and their protection", async () => {
    const branches = await call<Array<{ name: string; protected: boolean }>>(sim, `${path}/branches`);
    const names = branches.body.map((branch) => branch.name);
    expect(names).toContain(busy.defaultBranch);
    const slashed = names.find((name) => name.includes("/"));
    expect(slashed).toBeDefined();
    const onlyProtected = await call<Array<{ protected: boolean }>>(sim, `${path}/branches?protected=true`);
    expect(onlyProtected.body.length).toBeGreaterThan(0);
    expect(onlyProtected.body.every((branch) => branch.protected)).toBe(true);

    const detailed = await call<Item>(sim, `${path}/branches/${slashed}`);
    expect(detailed.body).toMatchObject({ name: slashed, _links: expect.any(Object) });
    expect((detailed.body.commit as { commit: { message: string } }).commit.message).toEqual(
      expect.any(String),
    );

    const protection = await call<Item>(sim, `${path}/branches/${busy.defaultBranch}/protection`);
    expect(protection.status).toBe(200);
    expect(
      (protection.body.required_status_checks as { contexts: string[] }).contexts.length,
    ).toBeGreaterThan(0);
    const unprotected = branches.body.find((branch) => !branch.protected);
    const notProtected = await call<Item>(sim, `${path}/branches/${unprotected?.name}/protection`);
    expect(notProtected.status).toBe(404);
    expect(notProtected.body.message).toBe("Branch not protected");
    expect((await call(sim, `${path}/branches/no-such-branch`)).status).toBe(404);
  });

  it("refuses branch protection to a member who does not administer the repository (403)", async () => {
    const org = sim.state.findAccount(sim.organization);
    const member = [...(org?.members ?? [])].find(([, role]) => role === "member");
    const login = sim.state.findAccountById(member?.[0] ?? 0)?.login;
    const { token } = await controlSimulator<{ token: string }>(sim, "POST", "/tokens", {
      login,
      scopes: ["repo", "read:org"],
    });
    const answer = await call<Item>(sim, `${path}/branches/${busy.defaultBranch}/protection`, { token });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toBe("Must have admin rights to Repository.");
  });

  it("serves the same endpoints under /api/v3 with API URLs on that base", async () => {
    const answer = await call<Item[]>(sim, `${path}/pulls`, { base: sim.enterpriseUrl });
    expect(answer.status).toBe(200);
    expect(String((answer.body[0] as Item).url)).toContain("/api/v3/repos/");
    const tags = await call<Item[]>(sim, `${path}/tags`, { base: sim.enterpriseUrl });
    expect(String((tags.body[0] as Item).zipball_url)).toContain("/api/v3/");
  });

  it("hides a private repository's pull requests from a token without `repo` (404)", async () => {
    const org = sim.state.findAccount(sim.organization);
    const hidden = sim.state
      .repositoriesOwnedBy(org?.id ?? 0)
      .find((repository) => repository.visibility !== "public");
    const { token } = await controlSimulator<{ token: string }>(sim, "POST", "/tokens", {
      login: sim.state.findAccountById([...(org?.members.keys() ?? [])][0] ?? 0)?.login,
      scopes: ["read:org"],
    });
    const answer = await call<Item>(sim, `/repos/${sim.organization}/${hidden?.name}/pulls`, { token });
    expect(answer.status).toBe(404);
  });

  it("generates the same data for the same seed", async () => {
    const again = await startSimulator({ seed: 7 });
    try {
      const strip = (text: string) => text.replaceAll(/127\.0\.0\.1:\d+/g, "HOST");
      for (const suffix of [
        "/pulls?state=all&per_page=100",
        "/issues?state=all",
        "/releases",
        "/tags",
        "/branches",
      ]) {
        const a = await call(sim, `${path}${suffix}`);
        const b = await call(again, `${path}${suffix}`, { token: again.adminToken });
        expect(strip(b.text)).toBe(strip(a.text));
      }
    } finally {
      await again.close();
    }
  });
});
