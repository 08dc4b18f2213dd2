import { verify } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/start-simulator.js";
import { controlAnswer } from "../../support/simulator-control.js";
import { call, forgetDeliveries, type Receiver, startHookedSimulator } from "../support/simulator-http.js";
import { webhookPayloadProblems } from "../support/webhook-schema.js";

const SECRET = "push secret";

interface PushAnswer {
  ref: string;
  before: string;
  after: string;
  added: string[];
  removed: string[];
  modified: string[];
  deliveries: string[];
}

interface Comparison {
  status: string;
  ahead_by: number;
  behind_by: number;
  total_commits: number;
  commits: Array<{ sha: string; parents: Array<{ sha: string }>; commit: { message: string } }>;
  files: Array<{ filename: string; status: string; sha: string; additions: number; deletions: number }>;
}

describe("push control, compare and the push webhook", () => {
  let sim: RunningSimulator;
  let receiver: Receiver;
  let repo: { name: string; default_branch: string };

  const push = (body: unknown, name = repo.name) =>
    controlAnswer<PushAnswer>(sim, "POST", `/repos/${sim.organization}/${name}/push`, body);

  beforeAll(async () => {
    ({ sim, receiver } = await startHookedSimulator({ seed: 8, events: ["push"], secret: SECRET }));
    const repos = await call<Array<{ name: string; default_branch: string; fork: boolean }>>(
      sim,
      `/orgs/${sim.organization}/repos?per_page=100`,
    );
    repo = repos.body.find((r) => !r.fork) as { name: string; default_branch: string };
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => forgetDeliveries({ sim, receiver }));

  it("commits changes, sends a signed push event GitHub's schema accepts, and compare shows the diff", async () => {
    await push({ files: { "notes/a.txt": "one\n", "notes/b.txt": "two\n" }, message: "Add notes" });
    const pushed = await push({
      files: { "notes/a.txt": "one\nmore\n", "notes/b.txt": null, "notes/c.json": "{}\n" },
      message: "Change notes",
    });
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({
      ref: `refs/heads/${repo.default_branch}`,
      added: ["notes/c.json"],
      removed: ["notes/b.txt"],
      modified: ["notes/a.txt"],
    });
    expect(pushed.body.deliveries).toHaveLength(1);
    await sim.whenIdle();
    const delivery = receiver.received.at(-1);
    expect(delivery?.headers["x-github-event"]).toBe("push");
    expect(await verify(SECRET, delivery?.body ?? "", String(delivery?.headers["x-hub-signature-256"]))).toBe(
      true,
    );
    const payload = JSON.parse(delivery?.body ?? "{}");
    expect(webhookPayloadProblems("push$event", payload)).toEqual([]);
    expect(payload).toMatchObject({
      ref: `refs/heads/${repo.default_branch}`,
      before: pushed.body.before,
      after: pushed.body.after,
      created: false,
      deleted: false,
      head_commit: { id: pushed.body.after, message: "Change notes", modified: ["notes/a.txt"] },
      repository: { name: repo.name, master_branch: repo.default_branch, organization: sim.organization },
    });
    expect(typeof payload.repository.created_at).toBe("number");
    expect(typeof payload.repository.pushed_at).toBe("number");

    const compare = await call<Comparison>(
      sim,
      `/repos/${sim.organization}/${repo.name}/compare/${pushed.body.before}...${pushed.body.after}`,
    );
    expect(compare.status).toBe(200);
    expect(compare.body).toMatchObject({ status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(compare.body.commits[0]?.parents[0]?.sha).toBe(pushed.body.before);
    expect(compare.body.files.map((file) => [file.filename, file.status])).toEqual([
      ["notes/a.txt", "modified"],
      ["notes/b.txt", "removed"],
      ["notes/c.json", "added"],
    ]);
    expect(compare.body.files[0]).toMatchObject({ additions: 1, deletions: 0 });
    const reverse = await call<Comparison>(
      sim,
      `/repos/${sim.organization}/${repo.name}/compare/${pushed.body.after}...${pushed.body.before}`,
    );
    expect(reverse.body).toMatchObject({ status: "behind", ahead_by: 0, behind_by: 1, files: [] });
    const byBranch = await call<Comparison>(
      sim,
      `/repos/${sim.organization}/${repo.name}/compare/${pushed.body.after.slice(0, 7)}...${repo.default_branch}`,
    );
    expect(byBranch.body.status).toBe("identical");
  });

  it("creates a branch from the default branch with `before` all zeros, and diverged compares", async () => {
    const created = await push({ branch: "feature/x", files: { "feature.txt": "x\n" } });
    expect(created.body.before).toBe("0".repeat(40));
    await sim.whenIdle();
    const payload = JSON.parse(receiver.received.at(-1)?.body ?? "{}");
    expect(payload).toMatchObject({ ref: "refs/heads/feature/x", created: true });
    expect(webhookPayloadProblems("push$event", payload)).toEqual([]);
    await push({ files: { "main-only.txt": "m\n" } });
    const compare = await call<Comparison>(
      sim,
      `/repos/${sim.organization}/${repo.name}/compare/${repo.default_branch}...feature/x`,
    );
    expect(compare.body).toMatchObject({ status: "diverged", ahead_by: 1, behind_by: 1 });
    expect(compare.body.files.map((file) => file.filename)).toEqual(["feature.txt"]);
    const contents = await call(
      sim,
      `/repos/${sim.organization}/${repo.name}/contents/feature.txt?ref=feature/x`,
    );
    expect(contents.status).toBe(200);
  });

  it("lists a branch's commits newest first (by path, paginated) and shows one commit with its files", async () => {
    const first = await push({ files: { "history/a.txt": "1\n" }, message: "First" });
    const second = await push({ files: { "history/a.txt": "2\n", "other.txt": "o\n" }, message: "Second" });
    const listed = await call<Array<{ sha: string; commit: { message: string } }>>(
      sim,
      `/repos/${sim.organization}/${repo.name}/commits?path=history&per_page=1`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.map((commit) => commit.sha)).toEqual([second.body.after]);
    expect(listed.headers.get("link")).toContain('rel="next"');
    const page2 = await call<Array<{ sha: string }>>(
      sim,
      `/repos/${sim.organization}/${repo.name}/commits?path=history&per_page=1&page=2`,
    );
    expect(page2.body.map((commit) => commit.sha)).toEqual([first.body.after]);
    const single = await call<{
      sha: string;
      stats: { total: number };
      files: Array<{ filename: string; status: string }>;
      parents: Array<{ sha: string }>;
    }>(sim, `/repos/${sim.organization}/${repo.name}/commits/${second.body.after}`);
    expect(single.body.files.map((file) => [file.filename, file.status])).toEqual([
      ["history/a.txt", "modified"],
      ["other.txt", "added"],
    ]);
    expect(single.body.stats.total).toBe(3);
    expect(single.body.parents[0]?.sha).toBe(first.body.after);
    const byBranch = await call<{ sha: string }>(
      sim,
      `/repos/${sim.organization}/${repo.name}/commits/${repo.default_branch}`,
    );
    expect(byBranch.body.sha).toBe(second.body.after);
    const unknown = await call<{ message: string }>(
      sim,
      `/repos/${sim.organization}/${repo.name}/commits/nope`,
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toBe("No commit found for SHA: nope");
  });

  it("rejects bad bodies and unknown repositories; compare answers 404 for unknown refs", async () => {
    expect((await push({ files: {} })).status).toBe(422);
    expect((await push({ files: { "../x": "y" } })).status).toBe(422);
    expect((await push({ files: { a: "b" } }, "no-such-repo")).status).toBe(404);
    const unknown = await call(
      sim,
      `/repos/${sim.organization}/${repo.name}/compare/nope...${repo.default_branch}`,
    );
    expect(unknown.status).toBe(404);
  });
});
