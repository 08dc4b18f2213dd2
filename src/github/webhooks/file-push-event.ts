/**
 * The file processor (spec §5.3–5.4): a push re-reads each changed file that an applicable `files[]`
 * entry's glob matches, at the pushed branch, exactly as the resync builds it (parsing, `file://`
 * references, `__includedFiles`, the REST repository object); one object per (file, entry). A removed
 * file, and the old path of a renamed one, give a delete object with the identifiers a resync gives
 * (`organization`, `repository`, `branch`, `path`, `name`, `metadata.path`). Every path is checked at
 * the branch head: a file that is gone again is deleted, one that is back is upserted, so deliveries
 * applied out of order (different pushes run in parallel) still leave the branch's current state.
 */
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { buildFileObject } from "../kinds/build-file-object.js";
import { fileSelectorSchema } from "../kinds/file-selector.js";
import { compileGlob } from "../kinds/glob-pattern.js";
import { MAX_FILE_BYTES, readRepositoryFile } from "../kinds/read-repository-file.js";
import { entriesForPush, type PushedChanges, readPush } from "./read-push.js";

export async function handleFilePushEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  const selector = fileSelectorSchema.parse(resource.selector);
  const options = parseGitHubMappingOptions(resource.mappingOptions);
  const push = await readPush(context, event, options);
  if (push === null) return null;
  const entries = entriesForPush(selector.files, push, options).map((entry) => ({
    entry,
    matches: compileGlob(entry.path),
  }));
  if (entries.length === 0) return null;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  const paths = new Set<string>();
  for (const file of push.changed) {
    paths.add(file.path);
    if (file.previousPath) paths.add(file.previousPath);
  }
  for (const path of [...paths].sort()) {
    const matching = entries.filter(({ matches }) => matches(path));
    if (matching.length === 0) continue;
    const scope = { traffic: "live" } as const;
    const file = await readRepositoryFile(
      push.client,
      { owner: push.owner, repo: push.name, branch: push.branch, path },
      scope,
    );
    const readable = file !== null && file.text !== null && Number(file.metadata.size ?? 0) <= MAX_FILE_BYTES;
    if (!readable) {
      changes.deleted.push(deletedFile(push, path));
      continue;
    }
    for (const { entry } of matching) {
      const item = await buildFileObject({
        client: push.client,
        organization: push.organization,
        repository: push.repository,
        owner: push.owner,
        repo: push.name,
        branch: push.branch,
        path,
        skipParsing: entry.skipParsing,
        includedFiles: selector.includedFiles,
        file,
        scope,
      });
      if (item) changes.upserted.push(item);
    }
  }
  return changes.upserted.length + changes.deleted.length > 0 ? changes : null;
}

/** What identifies a file that is gone (spec §5.4 delete payload, with the resync's repository object). */
export function deletedFile(push: PushedChanges, path: string): RawObject {
  return {
    organization: push.organization,
    path,
    metadata: { path },
    repository: push.repository,
    branch: push.branch,
    name: path.slice(path.lastIndexOf("/") + 1),
  };
}
