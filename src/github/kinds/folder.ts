/**
 * Kind `folder` (spec §4.19): per repository target one tree read — recursive only when an entry's glob
 * needs it (it has `*` or `/`, other than `""` and `"*"`, which mean the top-level folders) — keeping
 * `tree` entries whose path matches an entry. Raw: `{folder: <tree entry>, __repository, __organization,
 * __branch}`, with `__includedFiles` (from the repository root) and `folder.__includedFiles` (relative
 * to the folder, from every entry that matched it) when the selector asks. A folder several entries
 * match is one object.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { RequestScope } from "../client/github-client.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { type FolderEntry, type FolderSelector, folderSelectorSchema } from "./folder-selector.js";
import { compileGlob } from "./glob-pattern.js";
import { mapRepositoryTargets } from "./map-repository-targets.js";
import { readRepositoryTree, type TreeEntry } from "./read-repository-tree.js";
import { readTargetFile } from "./read-target-file.js";
import { joinRelative } from "./relative-path.js";
import { listRepositoryTargets, type RepositoryTarget } from "./repository-targets.js";

export function createFolderKind(context: GitHubContext): IntegrationKind<FolderSelector> {
  return {
    name: "folder",
    selectorSchema: folderSelectorSchema,
    list(request: KindListRequest<FolderSelector>): AsyncIterable<RawObject[]> {
      const options = parseGitHubMappingOptions(request.mappingOptions);
      const scope = { signal: request.signal, traffic: "resync" } as const;
      const targets = listRepositoryTargets(context, request.selector.folders, options, scope);
      return mapRepositoryTargets(context, "folder", targets, (target) =>
        listFoldersOfTarget(target, request.selector.includedFiles, scope),
      );
    },
  };
}

/** Whether a folder glob needs the recursive tree (Ocean's `_needs_recursive_search`). */
export function needsRecursiveTree(path: string): boolean {
  if (path === "" || path === "*") return false;
  return path.includes("*") || path.includes("/");
}

export function folderMatcher(path: string): (folder: string) => boolean {
  if (path === "" || path === "*") return (folder) => !folder.includes("/");
  return compileGlob(path);
}

/** The folders of a target matching its entries, as raw objects (also used by the push event). */
export async function listFoldersOfTarget(
  target: RepositoryTarget<FolderEntry>,
  includedFiles: readonly string[],
  scope: RequestScope,
  keep: (folder: TreeEntry) => boolean = () => true,
): Promise<RawObject[]> {
  const tree = await readRepositoryTree(
    target.client,
    {
      owner: target.owner,
      repo: target.name,
      branch: target.branch,
      recursive: target.entries.some((entry) => needsRecursiveTree(entry.path)),
    },
    scope,
  );
  if (tree === null) return [];
  const matchers = target.entries.map((entry) => ({ entry, matches: folderMatcher(entry.path) }));
  const texts = new Map<string, Promise<string | null>>();
  const readText = (path: string) => {
    let pending = texts.get(path);
    if (!pending) {
      pending = readTargetFile(target, path, scope).then((file) => file?.text ?? null);
      texts.set(path, pending);
    }
    return pending;
  };
  const items: RawObject[] = [];
  for (const folder of tree.tree) {
    if (folder.type !== "tree" || !keep(folder)) continue;
    const matching = matchers.filter(({ matches }) => matches(folder.path)).map(({ entry }) => entry);
    if (matching.length === 0) continue;
    const { path, mode, type, sha, url } = folder;
    const raw: RawObject = { path, mode, type, sha, url };
    const requested = [...new Set(matching.flatMap((entry) => entry.includedFiles))];
    if (requested.length > 0) {
      const files: Record<string, string | null> = {};
      for (const file of requested) files[file] = await readText(joinRelative(path, file));
      raw.__includedFiles = files;
    }
    const item: RawObject = {
      folder: raw,
      __repository: target.repository,
      __organization: target.organization,
      __branch: target.branch,
    };
    if (includedFiles.length > 0) {
      const files: Record<string, string | null> = {};
      for (const file of includedFiles) files[file] = await readText(file.replace(/^\/+/, ""));
      item.__includedFiles = files;
    }
    items.push(item);
  }
  return items;
}
