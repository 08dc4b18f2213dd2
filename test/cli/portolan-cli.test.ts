import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGitHubIntegration } from "../../src/github/create-github-integration.js";
import { runPortolan } from "../support/run-portolan.js";

/** `portolan ARGS` with `input` on stdin. */
const portolan = (args: string[], input?: string) => runPortolan(args, input === undefined ? {} : { input });

describe("portolan command", () => {
  it("demo --once --json resyncs every kind into a data directory, prints one JSON summary and exits 0", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "portolan-demo-"));
    const run = await portolan(["demo", "--once", "--json", "--data-dir", dataDir, "--port", "0"]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0] ?? "");
    expect(summary.resync).toMatchObject({ status: "completed", errors: [] });
    expect(summary.kinds.organization).toEqual({ upserted: 1, unchanged: 0, deleted: 0, failed: 0 });
    expect(summary.kinds.repository.upserted).toBeGreaterThanOrEqual(15);
    // The demo's mapping covers every kind the integration has, and each one brings entities.
    const kinds = (await createGitHubIntegration({ githubToken: "ghp_unused" })).kinds.map(
      (kind) => kind.name,
    );
    expect(kinds).toHaveLength(22);
    expect(Object.keys(summary.kinds).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) {
      expect(summary.kinds[kind].upserted, kind).toBeGreaterThan(0);
      expect(summary.kinds[kind].failed, kind).toBe(0);
    }
  }, 120_000);

  it("jq prints every output like jq -c and exits 3 on a compile error", async () => {
    const ok = await portolan(["jq", ".a[] | {b: .}"], '{"a": [1, "x"]}');
    expect(ok).toMatchObject({ code: 0, stdout: '{"b":1}\n{"b":"x"}\n' });
    const bad = await portolan(["jq", ".a |"], "{}");
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain("JQ_COMPILE");
  });

  it("map turns raw objects into entities and exits 2 on an invalid mapping, naming where", async () => {
    const directory = mkdtempSync(join(tmpdir(), "portolan-map-"));
    const mapping = join(directory, "mapping.yml");
    writeFileSync(
      mapping,
      [
        "resources:",
        "  - kind: repository",
        "    selector:",
        "      query: .archived == false",
        "    port:",
        "      entity:",
        "        mappings:",
        "          identifier: .name",
        "          blueprint: '\"githubRepository\"'",
        "          properties:",
        "            url: .html_url",
      ].join("\n"),
    );
    const objects = JSON.stringify([
      { name: "a", archived: false, html_url: "https://x/a" },
      { name: "b", archived: true },
      { name: "c", archived: false },
    ]);
    const run = await portolan(["map", "--mapping", mapping, "--kind", "repository"], objects);
    expect(run.code, run.stderr).toBe(0);
    expect(
      run.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { identifier: "a", blueprint: "githubRepository", properties: { url: "https://x/a" }, relations: {} },
      { identifier: "c", blueprint: "githubRepository", properties: { url: null }, relations: {} },
    ]);
    expect(run.stderr).toBe("");
    const withErrors = await portolan(
      ["map", "--mapping", mapping, "--kind", "repository", "--errors"],
      objects,
    );
    expect(
      withErrors.stderr
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([
      {
        type: "field",
        resourceIndex: 0,
        kind: "repository",
        field: "properties.url",
        expression: ".html_url",
        sample: expect.any(String),
      },
    ]);
    writeFileSync(mapping, "resources:\n  - kind: repository\n    port: {}\n");
    const invalid = await portolan(["map", "--mapping", mapping, "--kind", "repository"], objects);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("MAPPING_INVALID");
    expect(invalid.stderr).toContain(`${mapping}:2`);
  });

  it("refuses an unknown command with exit code 2", async () => {
    const run = await portolan(["frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command");
  });
});
