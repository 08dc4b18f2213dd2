import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { type ApiAnswer, call } from "./support/simulator-http.js";

/** Every item of a REST listing, following `Link: rel="next"`. */
async function listAll<T>(simulator: RunningSimulator, path: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = path;
  while (next) {
    const page: ApiAnswer<T[]> = await call<T[]>(simulator, next);
    expect(page.status, next).toBe(200);
    items.push(...page.body);
    next = /<([^>]+)>;\s*rel="next"/.exec(page.headers.get("link") ?? "")?.[1]?.replace(simulator.url, "");
  }
  return items;
}

describe("startSimulator at scale medium", () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ seed: 5, scale: "medium" });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it("lists its 1,000 repositories page by page, and a repository's pull requests on first access", async () => {
    const repos = await listAll<{ name: string }>(
      simulator,
      `/orgs/${simulator.organization}/repos?per_page=100`,
    );
    expect(repos).toHaveLength(1000);
    const [first] = repos;
    const pulls = await listAll<{ number: number }>(
      simulator,
      `/repos/${simulator.organization}/${first?.name}/pulls?state=all&per_page=100`,
    );
    expect(pulls.length).toBeGreaterThan(0);
    expect(simulator.state.residentLazyRepositories).toBeGreaterThan(0);
  });

  it("serves a change made through the control API to a lazily generated repository", async () => {
    const repos = await call<{ name: string }[]>(
      simulator,
      `/orgs/${simulator.organization}/repos?per_page=3&page=7`,
    );
    const name = repos.body[2]?.name;
    const created = await call<{ issue: { number: number } }>(
      simulator,
      `/_simulator/repos/${simulator.organization}/${name}/issues`,
      { method: "POST", body: { title: "Raised at scale" } },
    );
    expect(created.status).toBe(201);
    const issue = await call<{ title: string }>(
      simulator,
      `/repos/${simulator.organization}/${name}/issues/${created.body.issue.number}`,
    );
    expect(issue.body.title).toBe("Raised at scale");
  });
});

describe("startSimulator's residentRepositories", () => {
  it("bounds how many lazily generated repositories stay in memory", async () => {
    const simulator = await startSimulator({ seed: 5, scale: "medium", residentRepositories: 3 });
    try {
      const repos = await call<{ name: string }[]>(
        simulator,
        `/orgs/${simulator.organization}/repos?per_page=5`,
      );
      for (const { name } of repos.body) {
        const pulls = await call(simulator, `/repos/${simulator.organization}/${name}/pulls?state=all`);
        expect(pulls.status).toBe(200);
      }
      expect(simulator.state.residentLazyRepositories).toBe(3);
    } finally {
      await simulator.close();
    }
  });
});
