/**
 * Live events of the repo-scoped kinds end to end: the simulator's control API changes a repository, its
 * organization webhook delivers GitHub's payload to a local receiver, and the integration's `handleEvent`
 * turns it into the same raw objects a resync lists (re-fetched from the simulator) or into deletions that
 * carry the resync's identifiers.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EventResource, LiveEvent, RawObject } from "../../src/engine/integration/integration.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { listenForDeliveries } from "../support/listen-for-deliveries.js";
import { controlSimulator } from "../support/simulator-control.js";
import { collect } from "./fake-github.js";

let sim: RunningSimulator;
let server: Server;
let integration: GitHubIntegration;
let repoPath: string;
let repoName: string;
const events: LiveEvent[] = [];

const control = (method: string, path: string, body?: unknown) => controlSimulator(sim, method, path, body);

/** The deliveries since the last call. */
async function delivered(): Promise<LiveEvent[]> {
  await sim.whenIdle();
  return events.splice(0, events.length);
}

function resource(kind: string, selector: unknown = {}): EventResource {
  const found = integration.kinds.find((entry) => entry.name === kind);
  if (!found) throw new Error(`no kind ${kind}`);
  return { kind, selector: found.selectorSchema.parse(selector), mappingOptions: {} };
}

/** Every event through `handleEvent` for every kind it touches, in order. */
async function apply(received: LiveEvent[], resources: EventResource[]) {
  const out: Array<{ event: string; kind: string; upserted: RawObject[]; deleted: RawObject[] }> = [];
  for (const event of received) {
    for (const kind of integration.kindsTouchedBy(event)) {
      for (const entry of resources.filter((candidate) => candidate.kind === kind)) {
        const changes = await integration.handleEvent(event, entry);
        if (changes)
          out.push({
            event: `${event.name}.${String(event.payload.action ?? event.payload.ref_type ?? "")}`,
            ...changes,
          });
      }
    }
  }
  return out;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 9 });
  server = await listenForDeliveries(events);
  integration = await createGitHubIntegration({
    githubHost: sim.url,
    githubToken: sim.adminToken,
    githubOrganization: sim.organization,
  });
  const registered = await integration.registerWebhooks(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}/integration/webhook`,
  );
  expect(registered[0]?.status).not.toBe("failed");
  const org = sim.state.findAccount(sim.organization);
  const repository = sim.state
    .repositoriesOwnedBy(org?.id ?? 0)
    .find((entry) => entry.parentId === null && !entry.archived);
  repoName = repository?.name ?? "";
  repoPath = `/repos/${sim.organization}/${repoName}`;
});
afterAll(async () => {
  await sim.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(async () => {
  await delivered();
});

describe("repo-scoped live events from the simulator", () => {
  it("pull requests: opened upserts the re-read pull request; closed deletes it for states [open]", async () => {
    const resources = [resource("pull-request"), resource("pull-request", { states: ["closed"] })];
    const opened = (await control("POST", `${repoPath}/pulls`, { title: "Live one" })) as {
      pull_request: { number: number; id: number };
    };
    const number = opened.pull_request.number;
    const afterOpen = await apply(await delivered(), resources);
    await control("PATCH", `${repoPath}/pulls/${number}`, { state: "closed", merged: true });
    const afterClose = await apply(await delivered(), resources);
    const results = [...afterOpen, ...afterClose];
    expect(
      results.map((result) => `${result.event}:${result.upserted.length}+${result.deleted.length}`),
    ).toEqual([
      "pull_request.opened:1+0",
      "pull_request.opened:0+1",
      "pull_request.closed:0+1",
      "pull_request.closed:1+0",
    ]);
    expect(results[0]?.upserted[0]).toMatchObject({
      number,
      state: "open",
      __repository: repoName,
      __organization: sim.organization,
    });
    expect(results[2]?.deleted[0]).toMatchObject({ id: opened.pull_request.id, __repository: repoName });
    expect(results[3]?.upserted[0]).toMatchObject({ number, state: "closed", merged: true });
  });

  it("a delivery processed after a later change re-reads the current state (a closed pull request is deleted)", async () => {
    const opened = (await control("POST", `${repoPath}/pulls`, { title: "Quickly closed" })) as {
      pull_request: { number: number };
    };
    await control("PATCH", `${repoPath}/pulls/${opened.pull_request.number}`, { state: "closed" });
    const results = await apply(await delivered(), [resource("pull-request")]);
    expect(
      results.map((result) => `${result.event}:${result.upserted.length}+${result.deleted.length}`),
    ).toEqual(["pull_request.opened:0+1", "pull_request.closed:0+1"]);
  });

  it("an issue deleted before its deliveries are processed: GitHub's 410 on the re-read deletes it", async () => {
    const opened = (await control("POST", `${repoPath}/issues`, { title: "Short-lived" })) as {
      issue: { number: number };
    };
    await control("PATCH", `${repoPath}/issues/${opened.issue.number}`, { labels: ["bug"] });
    await control("DELETE", `${repoPath}/issues/${opened.issue.number}`);
    const gone = await fetch(`${sim.url}${repoPath}/issues/${opened.issue.number}`, {
      headers: { authorization: `Bearer ${sim.adminToken}` },
    });
    expect(gone.status).toBe(410);
    const results = await apply(await delivered(), [resource("issue")]);
    expect(
      results.map((result) => `${result.event}:${result.upserted.length}+${result.deleted.length}`),
    ).toEqual(["issues.opened:0+1", "issues.labeled:0+1", "issues.deleted:0+1"]);
  });

  it("issues: labeled re-reads the issue; a label filter and `deleted` delete it", async () => {
    const resources = [resource("issue", { labels: ["bug"] })];
    const opened = (await control("POST", `${repoPath}/issues`, { title: "Live issue" })) as {
      issue: { number: number };
    };
    const number = opened.issue.number;
    const results = await apply(await delivered(), resources);
    await control("PATCH", `${repoPath}/issues/${number}`, { labels: ["bug"] });
    results.push(...(await apply(await delivered(), resources)));
    await control("DELETE", `${repoPath}/issues/${number}`);
    results.push(...(await apply(await delivered(), resources)));
    expect(
      results.map((result) => `${result.event}:${result.upserted.length}+${result.deleted.length}`),
    ).toEqual(["issues.opened:0+1", "issues.labeled:1+0", "issues.deleted:0+1"]);
    expect(results[1]?.upserted[0]).toMatchObject({
      number,
      labels: [expect.objectContaining({ name: "bug" })],
    });
  });

  it("releases and tags: the new tag's create, the release's created/published/deleted, the tag's delete", async () => {
    const resources = [resource("release"), resource("tag")];
    const created = (await control("POST", `${repoPath}/releases`, { tag_name: "v42.0.0" })) as {
      release: { id: number };
    };
    const results = await apply(await delivered(), resources);
    const tags = (
      await collect(
        integration.kinds
          .find((kind) => kind.name === "tag")
          ?.list({ selector: resource("tag").selector, mappingOptions: {} }) ?? (async function* () {})(),
      )
    ).flat();
    await control("DELETE", `${repoPath}/releases/${created.release.id}`);
    results.push(...(await apply(await delivered(), resources)));
    await control("DELETE", `${repoPath}/git/refs/tags/v42.0.0`);
    results.push(...(await apply(await delivered(), resources)));
    expect(
      results.map(
        (result) => `${result.event}:${result.kind}:${result.upserted.length}+${result.deleted.length}`,
      ),
    ).toEqual([
      "create.tag:tag:1+0",
      "release.created:release:1+0",
      "release.published:release:1+0",
      "release.deleted:release:0+1",
      "delete.tag:tag:0+1",
    ]);
    const listedTag = tags.find((tag) => tag.__repository === repoName && tag.name === "v42.0.0");
    const liveTag = results[0]?.upserted[0] as RawObject;
    expect(liveTag).toMatchObject({
      name: "v42.0.0",
      commit: { sha: (listedTag?.commit as { sha: string } | undefined)?.sha },
    });
    expect(results[1]?.upserted[0]).toMatchObject({
      id: created.release.id,
      tag_name: "v42.0.0",
      __repository: repoName,
    });
    expect(results[4]?.deleted[0]).toMatchObject({ name: "v42.0.0", __repository: repoName });
  });

  it("branches: create, push and delete give the raw object a detailed resync lists, then a deletion", async () => {
    await control("POST", `${repoPath}/git/refs`, { ref: "refs/heads/live/branch" });
    await control("POST", `${repoPath}/branches/live/branch/commits`, { message: "Live commit" });
    const upserts = await apply(await delivered(), [
      resource("branch", { detailed: true, protectionRules: true }),
    ]);
    expect(
      upserts.map((result) => `${result.event}:${result.upserted.length}+${result.deleted.length}`),
    ).toEqual(["create.branch:1+0", "push.:1+0", "push.:1+0"]);
    const live = upserts[2]?.upserted[0] as RawObject;
    expect((live.commit as { commit: { message: string } }).commit.message).toBe("Live commit");
    const kind = integration.kinds.find((entry) => entry.name === "branch");
    const listed = (
      await collect(
        kind?.list({
          selector: resource("branch", { detailed: true, protectionRules: true }).selector,
          mappingOptions: {},
        }) ?? (async function* () {})(),
      )
    )
      .flat()
      .find((branch) => branch.__repository === repoName && branch.name === "live/branch");
    // The same object, but for `__repository_object`: the delivery's repository, as in Ocean.
    const { __repository_object: _liveRepository, ...liveBranch } = live;
    const { __repository_object: _listedRepository, ...listedBranch } = listed ?? {};
    expect(liveBranch).toEqual(listedBranch);
    expect((_liveRepository as { id: number }).id).toBe((_listedRepository as { id: number }).id);

    await control("DELETE", `${repoPath}/git/refs/heads/live/branch`);
    const deletions = await apply(await delivered(), [resource("branch")]);
    expect(
      deletions.map((result) => `${result.event}:${result.upserted.length}+${result.deleted.length}`),
    ).toEqual(["delete.branch:0+1", "push.:0+1"]);
    expect(deletions[0]?.deleted[0]).toMatchObject({
      name: "live/branch",
      __repository: repoName,
      __organization: sim.organization,
    });
  });

  it("a push of files through the control API moves the branch the branch kind lists", async () => {
    const pushed = (await control("POST", `${repoPath}/push`, {
      branch: "docs/live",
      message: "Add the guide",
      files: { "docs/guide.md": "# Guide\n" },
    })) as { after: string };
    const results = await apply(await delivered(), [resource("branch", { detailed: true })]);
    expect(
      results.map((result) => `${result.event}:${result.upserted.length}+${result.deleted.length}`),
    ).toEqual(["push.:1+0"]);
    expect(results[0]?.upserted[0]).toMatchObject({
      name: "docs/live",
      commit: { sha: pushed.after, commit: { message: "Add the guide" } },
      __repository: repoName,
    });
  });
});
