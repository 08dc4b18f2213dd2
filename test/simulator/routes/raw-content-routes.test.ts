import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call } from "../support/simulator-http.js";

describe("raw file downloads", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 13 });
    for (const [name, visibility] of [
      ["open-docs", "public"],
      ["closed-docs", "private"],
    ]) {
      await controlSimulator(sim, "POST", `/orgs/${sim.organization}/repos`, {
        name,
        visibility,
        auto_init: true,
      });
      await controlSimulator(sim, "PUT", `/repos/${sim.organization}/${name}/contents/docs/a.md`, {
        content: `on a branch of ${name}\n`,
        branch: "release/1.0",
      });
    }
  });
  afterAll(() => sim.close());

  it("serves a content's download_url, also for refs with slashes", async () => {
    const file = await call<{ download_url: string }>(
      sim,
      `/repos/${sim.organization}/open-docs/contents/docs/a.md?ref=release/1.0`,
    );
    expect(file.body.download_url).toBe(
      `${sim.url}/${sim.organization}/open-docs/raw/release%2F1.0/docs/a.md`,
    );
    const raw = await fetch(`${sim.url}/${sim.organization}/open-docs/raw/release/1.0/docs/a.md`);
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe("on a branch of open-docs\n");
    const encoded = await fetch(file.body.download_url);
    expect(await encoded.text()).toBe("on a branch of open-docs\n");
  });

  it("needs a token that can see a private repository", async () => {
    const url = `${sim.url}/${sim.organization}/closed-docs/raw/main/README.md`;
    expect((await fetch(url)).status).toBe(404);
    const withToken = await fetch(url, { headers: { authorization: `token ${sim.adminToken}` } });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain("# closed-docs");
  });
});
