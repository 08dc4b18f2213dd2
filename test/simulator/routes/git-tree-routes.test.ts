import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlAnswer } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

interface Tree {
  sha: string;
  url: string;
  truncated: boolean;
  tree: Array<{ path: string; mode: string; type: string; sha: string; size?: number; url: string }>;
}

describe("GET /repos/{o}/{r}/git/trees/{sha}", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 3 });
  });
  afterAll(async () => sim.close());

  async function repoWith(path: string): Promise<{ name: string; default_branch: string }> {
    const repos = await call<Array<{ name: string; default_branch: string }>>(
      sim,
      `/orgs/${sim.organization}/repos?per_page=100`,
    );
    for (const repo of repos.body) {
      const answer = await call(sim, `/repos/${sim.organization}/${repo.name}/contents/${path}`);
      if (answer.status === 200) return repo;
    }
    throw new Error(`no repository has ${path}`);
  }

  it("lists the top level by branch name and everything below with recursive", async () => {
    const repo = await repoWith("services");
    const top = await call<Tree>(
      sim,
      `/repos/${sim.organization}/${repo.name}/git/trees/${repo.default_branch}`,
    );
    expect(top.status).toBe(200);
    expect(top.body.truncated).toBe(false);
    const services = top.body.tree.find((entry) => entry.path === "services");
    expect(services).toMatchObject({ type: "tree", mode: "040000" });
    expect(services?.url).toBe(
      `${sim.url}/repos/${sim.organization}/${repo.name}/git/trees/${services?.sha}`,
    );
    expect(top.body.tree.every((entry) => !entry.path.includes("/"))).toBe(true);

    for (const recursive of ["1", "true", "0"]) {
      const all = await call<Tree>(
        sim,
        `/repos/${sim.organization}/${repo.name}/git/trees/${repo.default_branch}?recursive=${recursive}`,
      );
      expect(all.body.sha).toBe(top.body.sha);
      const readme = all.body.tree.find((entry) => /^services\/[^/]+\/README\.md$/.test(entry.path));
      expect(readme).toMatchObject({ type: "blob", mode: "100644" });
      expect(readme?.size).toBeGreaterThan(0);
    }

    // A subtree by its sha: paths relative to it, as GitHub gives them.
    const sub = await call<Tree>(sim, `/repos/${sim.organization}/${repo.name}/git/trees/${services?.sha}`);
    expect(sub.status).toBe(200);
    expect(sub.body.tree.every((entry) => entry.type === "tree" && !entry.path.startsWith("services"))).toBe(
      true,
    );
  });

  it("answers 404 for an unknown ref and 409 for an empty repository, also under /api/v3", async () => {
    const repo = await repoWith("README.md");
    const missing = await call<{ message: string }>(
      sim,
      `/repos/${sim.organization}/${repo.name}/git/trees/no-such-branch`,
      { base: sim.enterpriseUrl },
    );
    expect(missing.status).toBe(404);
    const created = await controlAnswer(sim, "POST", `/orgs/${sim.organization}/repos`, {
      name: "empty-one",
    });
    expect(created.status).toBe(201);
    const empty = await call<{ message: string; status: string }>(
      sim,
      `/repos/${sim.organization}/empty-one/git/trees/main?recursive=1`,
    );
    expect(empty.status).toBe(409);
    expect(empty.body).toMatchObject({ message: "Git Repository is empty.", status: "409" });
  });
});
