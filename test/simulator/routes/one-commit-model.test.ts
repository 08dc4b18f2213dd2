import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { type ApiAnswer, call } from "../support/simulator-http.js";

/** Every item of a REST listing, following `Link: rel="next"`. */
async function listAll<T>(sim: RunningSimulator, path: string, key?: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = path;
  while (next) {
    const page: ApiAnswer<unknown> = await call(sim, next);
    expect(page.status, next).toBe(200);
    const body = key ? (page.body as Record<string, T[]>)[key] : page.body;
    items.push(...(body as T[]));
    next = /<([^>]+)>;\s*rel="next"/.exec(page.headers.get("link") ?? "")?.[1]?.replace(sim.url, "");
  }
  return items;
}

describe("one commit model", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 3 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("every sha that branches, tags, pull requests, runs and deployments serve is a commit of the repository", async () => {
    const repos = await listAll<{ name: string; default_branch: string }>(
      sim,
      `/orgs/${sim.organization}/repos?per_page=100`,
    );
    const kinds = new Set<string>();
    for (const repo of repos) {
      const path = `/repos/${sim.organization}/${repo.name}`;
      const shas = new Map<string, string>();
      const branches = await listAll<{ name: string; commit: { sha: string } }>(
        sim,
        `${path}/branches?per_page=100`,
      );
      for (const branch of branches) shas.set(branch.commit.sha, `branch ${branch.name}`);
      for (const tag of await listAll<{ name: string; commit: { sha: string } }>(
        sim,
        `${path}/tags?per_page=100`,
      )) {
        shas.set(tag.commit.sha, `tag ${tag.name}`);
      }
      const pulls = await listAll<{
        number: number;
        head: { sha: string };
        base: { sha: string };
        merge_commit_sha: string | null;
      }>(sim, `${path}/pulls?state=all&per_page=100`);
      for (const pull of pulls) {
        shas.set(pull.head.sha, `pull #${pull.number} head`);
        shas.set(pull.base.sha, `pull #${pull.number} base`);
        if (pull.merge_commit_sha) shas.set(pull.merge_commit_sha, `pull #${pull.number} merge`);
      }
      const workflows = await listAll<{ id: number }>(
        sim,
        `${path}/actions/workflows?per_page=100`,
        "workflows",
      );
      for (const workflow of workflows) {
        const runs = await listAll<{ id: number; head_sha: string }>(
          sim,
          `${path}/actions/workflows/${workflow.id}/runs?per_page=100`,
          "workflow_runs",
        );
        for (const run of runs) shas.set(run.head_sha, `run ${run.id}`);
      }
      for (const deployment of await listAll<{ id: number; sha: string }>(
        sim,
        `${path}/deployments?per_page=100`,
      )) {
        shas.set(deployment.sha, `deployment ${deployment.id}`);
      }
      for (const [sha, servedBy] of shas) {
        const commit = await call<{ sha: string }>(sim, `${path}/commits/${sha}`);
        expect(commit.status, `${repo.name}: ${servedBy} ${sha}`).toBe(200);
        expect(commit.body.sha).toBe(sha);
        kinds.add(servedBy.split(" ")[0] as string);
      }
      // A branch's sha is the commit its name resolves to.
      for (const branch of branches) {
        const head = await call<{ sha: string }>(sim, `${path}/commits/${encodeURIComponent(branch.name)}`);
        expect(head.body.sha, `${repo.name}: branch ${branch.name}`).toBe(branch.commit.sha);
      }
    }
    expect([...kinds].sort()).toEqual(["branch", "deployment", "pull", "run", "tag"]);
  }, 60_000);
});
