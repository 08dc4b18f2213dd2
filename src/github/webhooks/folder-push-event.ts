/**
 * The folder processor (spec §5.3–5.4): a push re-lists, at the pushed branch, the folders of applicable
 * `folders[]` entries that contain a changed path (their tree sha changed), as the resync builds them.
 * Unlike Ocean, entries without `repos` apply too (the resync covers them), an entry without `branch`
 * follows only the default branch (as its resync does), and a matching folder that no longer exists
 * after the push is deleted (`{folder: {path}, __repository, __organization, __branch}`).
 */
import type { EventResource, KindChanges, LiveEvent } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { folderMatcher, listFoldersOfTarget } from "../kinds/folder.js";
import { folderSelectorSchema } from "../kinds/folder-selector.js";
import { entriesForPush, readPush } from "./read-push.js";

export async function handleFolderPushEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  const selector = folderSelectorSchema.parse(resource.selector);
  const options = parseGitHubMappingOptions(resource.mappingOptions);
  const push = await readPush(context, event, options);
  if (push === null) return null;
  const entries = entriesForPush(selector.folders, push, options);
  if (entries.length === 0) return null;
  // Every directory above a changed path (and above a renamed file's old path).
  const touched = new Set<string>();
  for (const file of push.changed) {
    for (const path of [file.path, file.previousPath]) {
      if (!path) continue;
      const parts = path.split("/");
      for (let i = 1; i < parts.length; i++) touched.add(parts.slice(0, i).join("/"));
    }
  }
  if (touched.size === 0) return null;
  const upserted = await listFoldersOfTarget(
    {
      client: push.client,
      organization: push.organization,
      repository: push.repository,
      owner: push.owner,
      name: push.name,
      branch: push.branch,
      entries,
    },
    selector.includedFiles,
    { traffic: "live" },
    (folder) => touched.has(folder.path),
  );
  const present = new Set(upserted.map((item) => (item.folder as { path: string }).path));
  const matchers = entries.map((entry) => folderMatcher(entry.path));
  const deleted = [...touched]
    .filter((path) => !present.has(path) && matchers.some((matches) => matches(path)))
    .sort()
    .map((path) => ({
      folder: { path },
      __repository: push.repository,
      __organization: push.organization,
      __branch: push.branch,
    }));
  if (upserted.length + deleted.length === 0) return null;
  return { kind: resource.kind, upserted, deleted };
}
