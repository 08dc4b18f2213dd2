import { describe, expect, it } from "vitest";
import { generateOrganization } from "../../src/simulator/generate-organization.js";
import { createRandom } from "../../src/simulator/random.js";
import { createSteppingClock } from "../../src/simulator/state/simulator-clock.js";
import { SimulatorState } from "../../src/simulator/state/simulator-state.js";

function files(seed: number) {
  const epochMs = Date.UTC(2026, 0, 1);
  const state = new SimulatorState({
    clock: createSteppingClock(epochMs),
    epochMs,
    firstRepositoryId: 1000,
    firstHookId: 1,
  });
  const { organization } = generateOrganization(state, createRandom(seed), { organization: "acme" });
  const repos = state.repositoriesOwnedBy(organization.id);
  const all = repos.flatMap((repo) =>
    state
      .refsOf(repo.id)
      .flatMap((ref) =>
        state
          .listFiles(repo.id, ref)
          .map((path) => ({ repo, ref, path, text: state.readFile(repo.id, ref, path) ?? "" })),
      ),
  );
  return { state, repos, all };
}

describe("generated files for the folder, file, skill and plugin kinds", () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))("seed %i has every shape those kinds read", (seed) => {
    const { all } = files(seed);
    const has = (pattern: RegExp) => all.some((file) => pattern.test(file.path));
    expect(has(/^services\/[^/]+\/port\.json$/)).toBe(true);
    expect(has(/^services\/[^/]+\/README\.md$/)).toBe(true);
    expect(has(/^\.port\/entities\.yml$/)).toBe(true);
    expect(has(/^catalog-info\.yaml$/)).toBe(true);
    expect(has(/^config\/broken\.json$/)).toBe(true);
    const sizes = all.map((file) => Buffer.byteLength(file.text));
    expect(sizes.some((size) => size > 100_000 && size <= 1024 * 1024)).toBe(true);
    expect(sizes.some((size) => size > 1024 * 1024)).toBe(true);
    for (const root of [".agents", ".agent", ".cursor", ".claude", ".codex", ".github", ".opencode"]) {
      expect(has(new RegExp(`^${root.replace(".", "\\.")}/skills/[^/]+/SKILL\\.md$`)), root).toBe(true);
    }
    expect(has(/^skills\/[^/]+\/SKILL\.md$/)).toBe(true);
    for (const manifest of [
      ".claude-plugin/plugin.json",
      ".claude-plugin/marketplace.json",
      ".cursor-plugin/plugin.json",
      ".codex-plugin/plugin.json",
      ".agents/plugins/marketplace.json",
      ".kimi-plugin/plugin.json",
      "gemini-extension.json",
    ]) {
      expect(
        all.some((file) => file.path === manifest),
        manifest,
      ).toBe(true);
    }
    expect(has(/^\.opencode\/plugins\//)).toBe(true);
    expect(has(/^\.pi\/extensions\//)).toBe(true);
    expect(all.some((file) => file.ref === "develop")).toBe(true);
  });

  it("gives every branch a head commit whose tree holds its files", () => {
    const { state, repos } = files(2);
    const repo = repos.find((r) => state.refsOf(r.id).includes("develop"));
    if (!repo) throw new Error("no develop branch");
    const main = state.headCommit(repo.id, repo.defaultBranch);
    const develop = state.headCommit(repo.id, "develop");
    expect(main?.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(develop?.sha).not.toBe(main?.sha);
    expect(state.headCommit(repo.id, repo.defaultBranch)?.sha).toBe(main?.sha);
    expect([...(develop?.files.keys() ?? [])]).toContain("services/next-api/port.json");
  });
});
