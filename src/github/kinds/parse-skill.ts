/**
 * A `SKILL.md` (Agent Skills) as the skill kind reads it (spec §4.21): YAML front matter between leading
 * `---` fences (CRLF normalised; invalid or not a mapping ⇒ `{}`; an unclosed fence ⇒ no front matter
 * and the whole text is the body), the body, and where the skill sits.
 */
import { parse as parseYaml } from "yaml";
import { directoryOf } from "./relative-path.js";

export interface ParsedSkillText {
  frontmatter: Record<string, unknown>;
  body: string;
}

export function parseSkillText(text: string): ParsedSkillText {
  const normalised = text.replace(/\r\n/g, "\n");
  const opening = /^---[ \t]*\n/.exec(normalised);
  if (!opening) return { frontmatter: {}, body: normalised };
  const rest = normalised.slice(opening[0].length);
  const closing = /^---[ \t]*$/m.exec(rest);
  if (!closing) return { frontmatter: {}, body: normalised };
  const yamlText = rest.slice(0, closing.index);
  const body = rest.slice(closing.index + closing[0].length).replace(/^\n/, "");
  let frontmatter: Record<string, unknown> = {};
  try {
    const parsed: unknown = parseYaml(
      yamlText,
      (_key, value) => (value instanceof Date ? value.toISOString() : value),
      {
        version: "1.1",
        uniqueKeys: false,
      },
    );
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      frontmatter = parsed as Record<string, unknown>;
    }
  } catch {
    frontmatter = {};
  }
  return { frontmatter, body };
}

/**
 * Where a skill's collection starts: the literal prefix of the glob that found it (`.claude/skills`
 * when the glob is `.claude/skills/` followed by `**` and `SKILL.md`); when the glob starts with a
 * wildcard, the directory above the skill's own (or the skill's directory when it is at the top level).
 */
export function skillRoot(glob: string, skillMdPath: string): string {
  const segments = glob.replace(/^\/+/, "").split("/");
  const firstWild = segments.findIndex((segment) => /[*?[]/.test(segment));
  const literal = firstWild === -1 ? segments.slice(0, -1) : segments.slice(0, firstWild);
  if (literal.length > 0) return literal.join("/");
  const skillDirectory = directoryOf(skillMdPath);
  const above = directoryOf(skillDirectory);
  return above === "" ? skillDirectory : above;
}

export interface SkillFields {
  name: string;
  description: string;
  instructions: string;
  frontmatter: Record<string, unknown>;
  path: string;
  skillMdPath: string;
  root: string;
  blob_sha: string | null;
}

/** The `skill` object of a SKILL.md's text (name: front matter, else the skill directory's name). */
export function skillFields(input: {
  text: string;
  skillMdPath: string;
  glob: string;
  blobSha: string | null;
}): SkillFields {
  const { frontmatter, body } = parseSkillText(input.text);
  const path = directoryOf(input.skillMdPath);
  const named = frontmatter.name;
  return {
    name: typeof named === "string" && named.trim() !== "" ? named : path.slice(path.lastIndexOf("/") + 1),
    description: typeof frontmatter.description === "string" ? frontmatter.description : "",
    instructions: body,
    frontmatter,
    path,
    skillMdPath: input.skillMdPath,
    root: skillRoot(input.glob, input.skillMdPath),
    blob_sha: input.blobSha,
  };
}
