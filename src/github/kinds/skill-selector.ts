/**
 * The skill kind's selector (spec §4.21): `paths` of `{path, organization?, repos?}` (unknown keys in an
 * entry are an error, as in Ocean; the selector itself ignores unknown keys), by default the eight
 * places agents keep skills.
 */
import { z } from "zod";
import { entryScopeShape } from "./file-selector.js";

export const defaultSkillPaths = [
  ".agents/skills/**/SKILL.md",
  ".agent/skills/**/SKILL.md",
  ".cursor/skills/**/SKILL.md",
  ".claude/skills/**/SKILL.md",
  ".codex/skills/**/SKILL.md",
  ".github/skills/**/SKILL.md",
  ".opencode/skills/**/SKILL.md",
  "skills/**/SKILL.md",
] as const;

export const skillEntrySchema = z.strictObject({
  path: z.string().trim().min(1, "a SKILL.md glob must not be empty"),
  ...entryScopeShape,
});

export type SkillEntry = z.output<typeof skillEntrySchema>;

export const skillSelectorSchema = z.looseObject({
  paths: z
    .array(skillEntrySchema)
    .nullish()
    .transform(
      (value) => value ?? defaultSkillPaths.map((path) => ({ path, organization: null, repos: null })),
    ),
});

export type SkillSelector = z.output<typeof skillSelectorSchema>;
