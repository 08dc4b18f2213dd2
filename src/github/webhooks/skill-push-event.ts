/**
 * The skill processor (spec §5.3–5.4): on a push, each changed SKILL.md that an applicable `paths[]`
 * glob matches is re-read at the pushed branch (Contents API; `blob_sha` is its `sha`) and upserted; one
 * that is gone at the branch head gives a delete object with the same identifying fields (`path`,
 * `skillMdPath`, `root`, name from the directory, `blob_sha` from the comparison).
 */
import type { EventResource, KindChanges, LiveEvent } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { compileGlob } from "../kinds/glob-pattern.js";
import { readRepositoryFile } from "../kinds/read-repository-file.js";
import { skillObject } from "../kinds/skill.js";
import { skillSelectorSchema } from "../kinds/skill-selector.js";
import { entriesForPush, readPush } from "./read-push.js";

export async function handleSkillPushEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  const selector = skillSelectorSchema.parse(resource.selector);
  const options = parseGitHubMappingOptions(resource.mappingOptions);
  const push = await readPush(context, event, options);
  if (push === null) return null;
  const entries = entriesForPush(selector.paths, push, options).map((entry) => ({
    entry,
    matches: compileGlob(entry.path),
  }));
  if (entries.length === 0) return null;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  const target = { repository: push.repository, branch: push.branch, organization: push.organization };
  const changed = new Map<string, string | undefined>();
  for (const file of push.changed) {
    changed.set(file.path, file.sha);
    if (file.previousPath && !changed.has(file.previousPath)) changed.set(file.previousPath, file.sha);
  }
  for (const [path, sha] of [...changed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = entries.find(({ matches }) => matches(path));
    if (!first) continue;
    const file = await readRepositoryFile(
      push.client,
      { owner: push.owner, repo: push.name, branch: push.branch, path },
      { traffic: "live" },
    );
    if (file?.text == null) {
      changes.deleted.push(skillObject(target, first.entry, path, "", sha ?? null));
      continue;
    }
    const blobSha = typeof file.metadata.sha === "string" ? file.metadata.sha : null;
    changes.upserted.push(skillObject(target, first.entry, path, file.text, blobSha));
  }
  return changes.upserted.length + changes.deleted.length > 0 ? changes : null;
}
