/** Globs, file parsing, `file://` references, relative paths, SKILL.md and plugin normalisation. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileGlob } from "../../../src/github/kinds/glob-pattern.js";
import { normalizePlugin } from "../../../src/github/kinds/normalize-plugin.js";
import { parseFileContent, resolveFileReferences } from "../../../src/github/kinds/parse-file-content.js";
import { parseSkillText, skillFields, skillRoot } from "../../../src/github/kinds/parse-skill.js";
import { directoryOf, joinRelative } from "../../../src/github/kinds/relative-path.js";

const SHARED = fileURLToPath(new URL("../../../../shared/ocean/", import.meta.url));

describe("compileGlob", () => {
  it.each([
    ["**/CODEOWNERS", "CODEOWNERS", true],
    ["**/CODEOWNERS", ".github/CODEOWNERS", true],
    ["**/codeowners", "docs/deep/CODEOWNERS", true],
    ["*/*", "services/api", true],
    ["*/*", "services/api/x", false],
    ["services/*/port.json", "services/a/port.json", true],
    ["services/*/port.json", "services/a/b/port.json", false],
    ["services/**/port.json", "services/port.json", true],
    ["**", ".hidden/file", true],
    ["*.md", ".README.md", true],
    ["file?.txt", "file1.txt", true],
    ["file?.txt", "file/.txt", false],
    ["[abc].json", "b.json", true],
    ["[!abc].json", "b.json", false],
    ["a.b", "aXb", false],
    ["/docs/*.md", "docs/a.md", true],
  ])("%s vs %s → %s", (pattern, path, expected) => {
    expect(compileGlob(pattern)(path)).toBe(expected);
  });
});

describe("parseFileContent and file:// references", () => {
  it("parses JSON and YAML like PyYAML's safe_load then JSON (1.1 booleans, also as keys; repeated keys; dates as text), falls back to text", () => {
    expect(parseFileContent("a.json", '{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(parseFileContent("A.YML", "on: yes\nwhen: 2024-01-02\nk: 1\nk: 2\n")).toEqual({
      true: true,
      when: "2024-01-02T00:00:00.000Z",
      k: 2,
    });
    expect(parseFileContent("x.yaml", "a: 1\n---\nb: 2\n")).toBe("a: 1\n---\nb: 2\n");
    expect(parseFileContent("x.json", "{")).toBe("{");
    expect(parseFileContent("README.md", '{"a":1}')).toBe('{"a":1}');
  });

  it("replaces first-level references of objects and of list items only", async () => {
    const read = async (path: string) => (path === "missing.md" ? "" : `<${path}>`);
    expect(
      await resolveFileReferences({ a: "file://x.md", b: "keep", c: { d: "file://deep" } }, read),
    ).toEqual({
      a: "<x.md>",
      b: "keep",
      c: { d: "file://deep" },
    });
    expect(await resolveFileReferences([{ a: "file://missing.md" }, "file://not-an-object"], read)).toEqual([
      { a: "" },
      "file://not-an-object",
    ]);
    expect(await resolveFileReferences("file://text", read)).toBe("file://text");
  });

  it("joins paths relative to a directory without double-joining", () => {
    expect(joinRelative("services/a", "README.md")).toBe("services/a/README.md");
    expect(joinRelative("services/a", "/README.md")).toBe("services/a/README.md");
    expect(joinRelative("services/a", "services/a/README.md")).toBe("services/a/README.md");
    expect(joinRelative("", "/x")).toBe("x");
    expect(directoryOf("a/b/c.json")).toBe("a/b");
    expect(directoryOf("c.json")).toBe("");
  });
});

describe("SKILL.md", () => {
  it("reads front matter, and treats unclosed or invalid front matter as Ocean does", () => {
    expect(parseSkillText("---\r\nname: x\r\n---\r\nbody\r\n")).toEqual({
      frontmatter: { name: "x" },
      body: "body\n",
    });
    expect(parseSkillText("---\nname: x\nbody")).toEqual({ frontmatter: {}, body: "---\nname: x\nbody" });
    expect(parseSkillText("---\n- a list\n---\nbody")).toEqual({ frontmatter: {}, body: "body" });
    expect(parseSkillText("no front matter")).toEqual({ frontmatter: {}, body: "no front matter" });
  });

  it("roots skills at the glob's literal prefix, else above the skill directory", () => {
    expect(skillRoot(".claude/skills/**/SKILL.md", ".claude/skills/a/SKILL.md")).toBe(".claude/skills");
    expect(skillRoot("**/SKILL.md", "packages/kit/skills/release-notes/SKILL.md")).toBe(
      "packages/kit/skills",
    );
    expect(skillRoot("**/SKILL.md", "tool/SKILL.md")).toBe("tool");
    expect(skillRoot("tools/x/SKILL.md", "tools/x/SKILL.md")).toBe("tools/x");
  });

  it("gives Ocean's example skill from its SKILL.md", () => {
    const example = JSON.parse(readFileSync(`${SHARED}upstream/examples/skill/a.json`, "utf8"));
    const text = `---\nname: hello-skill\ndescription: A minimal example skill used to test skill discovery.\n---\n${example.skill.instructions}`;
    expect(
      skillFields({
        text,
        skillMdPath: "skills/hello-skill/SKILL.md",
        glob: "skills/**/SKILL.md",
        blobSha: example.skill.blob_sha,
      }),
    ).toEqual(example.skill);
  });
});

describe("normalizePlugin", () => {
  it("gives Ocean's example plugin (superpowers) from its manifests", () => {
    const example = JSON.parse(readFileSync(`${SHARED}upstream/examples/plugin/a.json`, "utf8"));
    const plugin = normalizePlugin("superpowers", {
      claude: {
        manifest: {
          name: "superpowers",
          description: "Core skills library for Claude Code",
          version: "6.1.1",
        },
        marketplace: { name: "superpowers-dev", plugins: [{ name: "superpowers", source: "./" }] },
      },
      cursor: { manifest: example.plugin.cursor },
      codex: { manifest: example.plugin.codex },
      agents: { marketplace: { name: "superpowers-marketplace", plugins: [{ name: "superpowers" }] } },
      kimi: { manifest: example.plugin.kimi },
      opencode: { directory: true },
      pi: { directory: true },
      antigravity: { manifest: example.plugin.antigravity },
    });
    // The example's top-level description is in none of its provider documents; the spec's precedence
    // (cursor first) gives cursor's.
    expect(plugin?.description).toBe(example.plugin.cursor.description);
    expect({ ...plugin, description: example.plugin.description }).toEqual(example.plugin);
    expect(Object.keys(plugin ?? {})).toEqual(Object.keys(example.plugin));
  });

  it("falls back to the repository name, and gives nothing without evidence", () => {
    const example = JSON.parse(readFileSync(`${SHARED}upstream/examples/plugin/c.json`, "utf8"));
    expect(
      normalizePlugin("opencode-hooks", { opencode: { directory: true }, pi: { directory: true } }),
    ).toEqual(example.plugin);
    expect(normalizePlugin("x", {})).toBeNull();
  });
});
