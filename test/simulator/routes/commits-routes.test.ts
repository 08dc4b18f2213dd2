import type { components } from "@octokit/openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import type { RepositoryRecord } from "../../../src/simulator/state/repository.js";
import { call } from "../support/simulator-http.js";

type Commit = components["schemas"]["commit"];
type Comparison = components["schemas"]["commit-comparison"];

describe("commit endpoints", () => {
  let sim: RunningSimulator;
  let repository: RepositoryRecord;
  const path = () => `/repos/${sim.organization}/${repository.name}`;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 14 });
    const org = sim.state.findAccount(sim.organization);
    const deploying = sim.state
      .repositoriesOwnedBy(org?.id ?? -1)
      .find((repo) => sim.state.deployments.deploymentsOf(repo.id).length > 0);
    if (!deploying) throw new Error("no repository with a history");
    repository = deploying;
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("deployments ship commits of the default branch's history, in time order", () => {
    const history = sim.state.defaultBranchHistory(repository.id);
    const dates = history.map((commit) => commit.timestamp);
    expect(dates).toEqual([...dates].sort());
    const shas = new Set(history.map((commit) => commit.sha));
    for (const deployment of sim.state.deployments.deploymentsOf(repository.id)) {
      expect(shas.has(deployment.sha), deployment.sha).toBe(true);
    }
  });

  it("GET /commits/{sha} gives the commit with its parent; an unknown sha is GitHub's 422", async () => {
    const history = sim.state.defaultBranchHistory(repository.id);
    const [first, second] = history;
    for (const base of [sim.url, sim.enterpriseUrl]) {
      const answer = await call<Commit>(sim, `${path()}/commits/${second?.sha}`, { base });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        sha: second?.sha,
        commit: { committer: { date: second?.timestamp } },
        parents: [{ sha: first?.sha }],
      });
      expect(answer.body.url).toBe(`${base}${path()}/commits/${second?.sha}`);
    }
    const unknown = await call(sim, `${path()}/commits/${"0".repeat(40)}`);
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      message: `No commit found for SHA: ${"0".repeat(40)}`,
      status: "422",
    });
  });

  it("GET /compare/{base}...{head} lists the commits in between, oldest first", async () => {
    const history = sim.state.defaultBranchHistory(repository.id);
    const base = history[3];
    const head = history[7];
    const ahead = await call<Comparison>(sim, `${path()}/compare/${base?.sha}...${head?.sha}`);
    expect(ahead.body).toMatchObject({ status: "ahead", ahead_by: 4, behind_by: 0, total_commits: 4 });
    expect(ahead.body.commits.map((commit) => commit.sha)).toEqual(
      history.slice(4, 8).map((commit) => commit.sha),
    );
    const behind = await call<Comparison>(sim, `${path()}/compare/${head?.sha}...${base?.sha}`);
    expect(behind.body).toMatchObject({ status: "behind", behind_by: 4, total_commits: 0, commits: [] });
    const same = await call<Comparison>(sim, `${path()}/compare/${base?.sha}...${base?.sha}`);
    expect(same.body).toMatchObject({ status: "identical", total_commits: 0 });
    expect((await call(sim, `${path()}/compare/${base?.sha}...${"f".repeat(40)}`)).status).toBe(404);
  });
});
