import { describe, expect, it } from "vitest";
import { generateOrganization } from "../../src/simulator/generate-organization.js";
import { createRandom } from "../../src/simulator/random.js";
import { createSteppingClock } from "../../src/simulator/state/simulator-clock.js";
import { SimulatorState } from "../../src/simulator/state/simulator-state.js";

function generate(seed: number) {
  const epochMs = Date.UTC(2026, 0, 1);
  const state = new SimulatorState({
    clock: createSteppingClock(epochMs),
    epochMs,
    firstRepositoryId: 1000,
    firstHookId: 1,
  });
  const generated = generateOrganization(state, createRandom(seed), { organization: "acme" });
  return { state, ...generated, repos: state.repositoriesOwnedBy(generated.organization.id) };
}

describe("generateOrganization (scale small)", () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))("seed %i yields a varied organization", (seed) => {
    const { state, organization, owner, repos } = generate(seed);
    expect(organization.members.get(owner.id)).toBe("admin");
    expect(organization.members.size).toBeGreaterThanOrEqual(4);
    expect(repos.length).toBe(20);
    expect(new Set(repos.map((r) => r.visibility))).toEqual(new Set(["public", "private", "internal"]));
    expect(repos.some((r) => r.archived)).toBe(true);
    expect(repos.some((r) => r.description === null)).toBe(true);
    expect(repos.some((r) => r.language === null)).toBe(true);
    expect(new Set(repos.map((r) => r.defaultBranch)).size).toBeGreaterThanOrEqual(1);
    const forks = repos.filter((r) => r.parentId !== null);
    expect(forks).toHaveLength(3);
    for (const fork of forks) {
      const parent = state.getRepository(fork.parentId ?? 0);
      expect(parent?.name).toBe(fork.name);
      expect(fork.createdAt >= (parent?.createdAt ?? "")).toBe(true);
    }
    const withReadme = repos.filter((r) => state.readFile(r.id, r.defaultBranch, "README.md") !== undefined);
    expect(withReadme.length).toBeGreaterThan(repos.length / 2);
    for (const repo of repos) {
      expect(Date.parse(repo.createdAt)).toBeLessThan(state.epochMs);
      expect(repo.updatedAt >= repo.createdAt).toBe(true);
      expect(repo.pushedAt >= repo.createdAt).toBe(true);
    }
  });

  it("spreads names, languages, branches and topics across the organization", () => {
    const { repos } = generate(1);
    expect(new Set(repos.map((r) => r.name)).size).toBe(repos.length);
    expect(new Set(repos.map((r) => r.language)).size).toBeGreaterThan(3);
    expect(repos.some((r) => r.topics.length > 0)).toBe(true);
    const all = Array.from({ length: 5 }, (_, i) => generate(i + 1).repos).flat();
    expect(new Set(all.map((r) => r.defaultBranch))).toEqual(new Set(["main", "master"]));
  });

  it("is a pure function of the seed", () => {
    const strip = (seed: number) =>
      JSON.stringify(generate(seed).repos, (_key, value) => (value instanceof Map ? [...value] : value));
    expect(strip(4)).toBe(strip(4));
    expect(strip(4)).not.toBe(strip(5));
  });
});
