import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { call } from "../support/simulator-http.js";

/** Real `GET /orgs/{org}/repos` items, as Port's integration recorded them (keys starting `__` are its own). */
function realListingKeys(name: string): string[] {
  const path = `/work/shared/ocean/upstream/examples/repository/${name}.json`;
  const item = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  return Object.keys(item).filter((key) => !key.startsWith("__"));
}

describe("repository shapes", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 1 });
  });
  afterAll(() => sim.close());

  it.each(["a", "b", "c"])(
    "list items carry the keys of a real GitHub listing (%s.json), in order",
    async (name) => {
      const repos = await call<Record<string, unknown>[]>(
        sim,
        `/orgs/${sim.organization}/repos?per_page=100`,
      );
      const real = realListingKeys(name);
      for (const repo of repos.body) expect(Object.keys(repo)).toEqual(real);
    },
  );

  it("GET /repos adds full-repository's fields to the listing's", async () => {
    const listed = await call<Record<string, unknown>[]>(sim, `/orgs/${sim.organization}/repos?per_page=1`);
    const name = listed.body[0]?.name as string;
    const full = await call<Record<string, unknown>>(sim, `/repos/${sim.organization}/${name}`);
    const keys = Object.keys(full.body);
    for (const key of Object.keys(listed.body[0] ?? {})) expect(keys).toContain(key);
    for (const key of [
      "network_count",
      "subscribers_count",
      "organization",
      "temp_clone_token",
      "allow_squash_merge",
    ]) {
      expect(keys).toContain(key);
    }
  });
});
