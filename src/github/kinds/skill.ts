/**
 * Kind `skill` (spec §4.21): the file pipeline over the selector's SKILL.md globs (unparsed text), each
 * file turned into `{skill: {name, description, instructions, frontmatter, path, skillMdPath, root,
 * blob_sha}, __repository, __branch, __organization}`. A SKILL.md several globs match is one skill; its
 * `root` comes from the first of them.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { matchTargetFiles } from "./file.js";
import { mapRepositoryTargets } from "./map-repository-targets.js";
import { skillFields } from "./parse-skill.js";
import { readTargetFile } from "./read-target-file.js";
import { listRepositoryTargets, type RepositoryTarget } from "./repository-targets.js";
import { type SkillEntry, type SkillSelector, skillSelectorSchema } from "./skill-selector.js";

export function createSkillKind(context: GitHubContext): IntegrationKind<SkillSelector> {
  return {
    name: "skill",
    selectorSchema: skillSelectorSchema,
    list(request: KindListRequest<SkillSelector>): AsyncIterable<RawObject[]> {
      const options = parseGitHubMappingOptions(request.mappingOptions);
      const scope = { signal: request.signal, traffic: "resync" } as const;
      const targets = listRepositoryTargets(context, request.selector.paths, options, scope);
      return mapRepositoryTargets(context, "skill", targets, async (target) => {
        const items: RawObject[] = [];
        const seen = new Set<string>();
        for (const { entry, blob } of await matchTargetFiles(context, target, scope)) {
          if (seen.has(blob.path)) continue;
          seen.add(blob.path);
          const file = await readTargetFile(target, blob.path, scope);
          if (file?.text == null) continue;
          items.push(skillObject(target, entry, blob.path, file.text, blob.sha));
        }
        return items;
      });
    },
  };
}

/** The raw object of one SKILL.md (also built by the push processor). */
export function skillObject(
  target: Pick<RepositoryTarget<SkillEntry>, "repository" | "branch" | "organization">,
  entry: SkillEntry,
  path: string,
  text: string,
  blobSha: string | null,
): RawObject {
  return {
    skill: skillFields({ text, skillMdPath: path, glob: entry.path, blobSha }),
    __repository: target.repository,
    __branch: target.branch,
    __organization: target.organization,
  };
}
