/**
 * The control API of the repo-scoped kinds: each change emits the webhook GitHub would send, and every
 * payload carries what `@octokit/webhooks-schemas` requires for its event and action.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/start-simulator.js";
import { controlAnswer } from "../../support/simulator-control.js";
import { OpenApiContract } from "../support/openapi-contract.js";
import { call, forgetDeliveries, type Receiver, startHookedSimulator } from "../support/simulator-http.js";
import { webhookPayloadProblems } from "../support/webhook-schema.js";

type Payload = Record<string, unknown>;

describe("control API of pull requests, issues, releases and refs", () => {
  let sim: RunningSimulator;
  let receiver: Receiver;
  let repo: string;

  /** The deliveries received since the last reset: `[event, payload]`. */
  async function received(): Promise<Array<[string, Payload]>> {
    await sim.whenIdle();
    const out = receiver.received.map(
      (delivery) =>
        [String(delivery.headers["x-github-event"]), JSON.parse(delivery.body) as Payload] as [
          string,
          Payload,
        ],
    );
    receiver.received.length = 0;
    return out;
  }

  function expectSchema(event: string, payload: Payload): void {
    const definition = typeof payload.action === "string" ? `${event}$${payload.action}` : `${event}$event`;
    expect(webhookPayloadProblems(definition, payload), definition).toEqual([]);
  }

  beforeAll(async () => {
    ({ sim, receiver } = await startHookedSimulator({
      seed: 11,
      events: ["pull_request", "issues", "release", "create", "delete", "push"],
    }));
    const org = sim.state.findAccount(sim.organization);
    const source = sim.state
      .repositoriesOwnedBy(org?.id ?? 0)
      .find((repository) => repository.parentId === null);
    repo = `/repos/${sim.organization}/${source?.name}`;
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => forgetDeliveries({ sim, receiver }));

  it("pull requests: opened, edited, labeled, ready_for_review, synchronize, closed (merged), shaped as GitHub's", async () => {
    const opened = await controlAnswer<{ pull_request: { number: number; draft: boolean } }>(
      sim,
      "POST",
      `${repo}/pulls`,
      {
        title: "Add retries",
        draft: true,
      },
    );
    expect(opened.status).toBe(201);
    const number = opened.body.pull_request.number;
    await controlAnswer(sim, "PATCH", `${repo}/pulls/${number}`, {
      title: "Add retries to the client",
      labels: ["bug"],
    });
    await controlAnswer(sim, "PATCH", `${repo}/pulls/${number}`, { draft: false });
    await controlAnswer(sim, "POST", `${repo}/pulls/${number}/commits`);
    const closed = await controlAnswer<{ pull_request: { merged: boolean; state: string } }>(
      sim,
      "PATCH",
      `${repo}/pulls/${number}`,
      { state: "closed", merged: true },
    );
    expect(closed.body.pull_request).toMatchObject({ merged: true, state: "closed" });
    const events = await received();
    expect(events.map(([name, payload]) => `${name}.${payload.action}`)).toEqual([
      "pull_request.opened",
      "pull_request.edited",
      "pull_request.labeled",
      "pull_request.ready_for_review",
      "pull_request.synchronize",
      "pull_request.closed",
    ]);
    for (const [name, payload] of events) {
      expectSchema(name, payload);
      expect(payload.number).toBe(number);
    }
    expect((events[1]?.[1].changes as Payload | undefined)?.title).toEqual({ from: "Add retries" });
    const rest = await call<Payload>(sim, `${repo}/pulls/${number}`);
    expect(rest.body).toMatchObject({ state: "closed", merged: true, title: "Add retries to the client" });
  });

  it("issues: opened, labeled, closed, reopened, deleted", async () => {
    const opened = await controlAnswer<{ issue: { number: number } }>(sim, "POST", `${repo}/issues`, {
      title: "Crash on start",
    });
    const number = opened.body.issue.number;
    await controlAnswer(sim, "PATCH", `${repo}/issues/${number}`, { labels: ["bug", "help wanted"] });
    await controlAnswer(sim, "PATCH", `${repo}/issues/${number}`, {
      state: "closed",
      state_reason: "not_planned",
    });
    await controlAnswer(sim, "PATCH", `${repo}/issues/${number}`, { state: "open" });
    await controlAnswer(sim, "DELETE", `${repo}/issues/${number}`);
    const events = await received();
    expect(events.map(([name, payload]) => `${name}.${payload.action}`)).toEqual([
      "issues.opened",
      "issues.labeled",
      "issues.labeled",
      "issues.closed",
      "issues.reopened",
      "issues.deleted",
    ]);
    for (const [name, payload] of events) expectSchema(name, payload);
    expect((events[3]?.[1].issue as Payload | undefined)?.state_reason).toBe("not_planned");
    // GitHub answers 410 Gone for a deleted issue.
    expect((await call(sim, `${repo}/issues/${number}`)).status).toBe(410);
  });

  it("issue types: the organization's types listed; typed (set, replaced), untyped, the REST issue's `type`", async () => {
    const types = await call<Array<{ id: number; name: string }>>(
      sim,
      `/orgs/${sim.organization}/issue-types`,
    );
    expect(types.body.map((type) => type.name)).toEqual(["Task", "Bug", "Feature"]);
    const byName = (name: string) => types.body.find((type) => type.name === name);
    const opened = await controlAnswer<{ issue: { number: number; type: unknown } }>(
      sim,
      "POST",
      `${repo}/issues`,
      {
        title: "Wrong total",
      },
    );
    expect(opened.body.issue.type).toBeNull();
    const path = `${repo}/issues/${opened.body.issue.number}`;
    const typed = await controlAnswer<{ events: string[]; issue: { type: unknown } }>(sim, "PATCH", path, {
      type: "Bug",
    });
    expect(typed.body).toMatchObject({ events: ["typed"], issue: { type: byName("Bug") } });
    // Setting the type it has changes nothing; another replaces it with one `typed`.
    expect((await controlAnswer(sim, "PATCH", path, { type: "Bug" })).body.events).toEqual([]);
    await controlAnswer(sim, "PATCH", path, { type: "Feature" });
    expect((await call<{ type: unknown }>(sim, path)).body.type).toEqual(byName("Feature"));
    await controlAnswer(sim, "PATCH", path, { type: null });
    expect((await call<{ type: unknown }>(sim, path)).body.type).toBeNull();
    const unknown = await controlAnswer<{ message: string }>(sim, "PATCH", path, { type: "Epic" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toContain("Task, Bug, Feature");

    const events = await received();
    expect(events.map(([name, payload]) => `${name}.${payload.action}`)).toEqual([
      "issues.opened",
      "issues.typed",
      "issues.typed",
      "issues.untyped",
    ]);
    // `type` is the type set (typed) or removed (untyped); the issue carries its type after the change.
    expect(events.slice(1).map(([, payload]) => [payload.type, (payload.issue as Payload).type])).toEqual([
      [byName("Bug"), byName("Bug")],
      [byName("Feature"), byName("Feature")],
      [byName("Feature"), null],
    ]);
    // webhooks-schemas has no typed/untyped definitions; GitHub's OpenAPI description has them.
    const description = new OpenApiContract("api.github.com");
    for (const [, payload] of events.slice(1)) {
      expect(description.checkSchema(`webhook-issues-${payload.action as string}`, payload)).toEqual([]);
    }
  });

  it("releases: a new tag's `create`, then created and published; edited; deleted", async () => {
    const created = await controlAnswer<{ release: { id: number } }>(sim, "POST", `${repo}/releases`, {
      tag_name: "v9.0.0",
      name: "Nine",
    });
    const id = created.body.release.id;
    await controlAnswer(sim, "PATCH", `${repo}/releases/${id}`, { name: "Nine!" });
    await controlAnswer(sim, "DELETE", `${repo}/releases/${id}`);
    const events = await received();
    expect(
      events.map(([name, payload]) => `${name}.${payload.action ?? (payload.ref_type as string)}`),
    ).toEqual(["create.tag", "release.created", "release.published", "release.edited", "release.deleted"]);
    for (const [name, payload] of events) expectSchema(name, payload);
    const tags = await call<Array<{ name: string }>>(sim, `${repo}/tags`);
    expect(tags.body.map((tag) => tag.name)).toContain("v9.0.0");
  });

  it("branches and tags: create and delete with their pushes, a push of one commit, protection set and cleared", async () => {
    expect(
      (await controlAnswer(sim, "POST", `${repo}/git/refs`, { ref: "refs/heads/feature/live" })).status,
    ).toBe(201);
    const pushed = await controlAnswer<{ sha: string }>(
      sim,
      "POST",
      `${repo}/branches/feature/live/commits`,
      {
        message: "Wire it",
      },
    );
    expect(
      (
        await controlAnswer(sim, "PUT", `${repo}/branches/feature/live/protection`, {
          required_status_checks: ["ci"],
        })
      ).status,
    ).toBe(200);
    const protection = await call<Payload>(sim, `${repo}/branches/feature/live/protection`);
    expect(protection.body.required_status_checks).toMatchObject({ contexts: ["ci"] });
    await controlAnswer(sim, "PUT", `${repo}/branches/feature/live/protection`, null);
    expect((await call(sim, `${repo}/branches/feature/live/protection`)).status).toBe(404);
    await controlAnswer(sim, "DELETE", `${repo}/git/refs/heads/feature/live`);
    await controlAnswer(sim, "POST", `${repo}/git/refs`, { ref: "refs/tags/v0.0.1-live" });
    await controlAnswer(sim, "DELETE", `${repo}/git/refs/tags/v0.0.1-live`);
    const events = await received();
    expect(events.map(([name, payload]) => `${name}:${String(payload.ref)}`)).toEqual([
      "create:feature/live",
      "push:refs/heads/feature/live",
      "push:refs/heads/feature/live",
      "delete:feature/live",
      "push:refs/heads/feature/live",
      "create:v0.0.1-live",
      "push:refs/tags/v0.0.1-live",
      "delete:v0.0.1-live",
      "push:refs/tags/v0.0.1-live",
    ]);
    for (const [name, payload] of events) expectSchema(name, payload);
    expect(events[1]?.[1]).toMatchObject({ created: true, deleted: false });
    expect(events[2]?.[1]).toMatchObject({ after: pushed.body.sha, created: false });
    expect(events[4]?.[1]).toMatchObject({ deleted: true, after: "0".repeat(40) });
    expect((await controlAnswer(sim, "DELETE", `${repo}/git/refs/heads/feature/live`)).status).toBe(422);
  });

  it("a repository created with auto_init has its default branch; an empty one has no branches", async () => {
    for (const [name, autoInit, expected] of [
      ["fresh-init", true, ["main"]],
      ["fresh-empty", false, []],
    ] as const) {
      expect(
        (await controlAnswer(sim, "POST", `/orgs/${sim.organization}/repos`, { name, auto_init: autoInit }))
          .status,
      ).toBe(201);
      const branches = await call<Array<{ name: string }>>(
        sim,
        `/repos/${sim.organization}/${name}/branches`,
      );
      expect(branches.body.map((branch) => branch.name)).toEqual(expected);
    }
  });
});
