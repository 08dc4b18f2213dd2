/**
 * Kind `file` (spec §4.20): per repository target (see `repository-targets.ts`) one recursive tree read;
 * the blobs of at most 1 MiB whose path matches an entry's glob are read with the Contents API and
 * turned into file objects, one per (file, entry). A repository is one page, so memory stays flat.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { buildFileObject } from "./build-file-object.js";
import { type FileEntry, type FileSelector, fileSelectorSchema } from "./file-selector.js";
import { compileGlob } from "./glob-pattern.js";
import { mapRepositoryTargets } from "./map-repository-targets.js";
import { MAX_FILE_BYTES } from "./read-repository-file.js";
import { readRepositoryTree, type TreeEntry } from "./read-repository-tree.js";
import { readTargetFile } from "./read-target-file.js";
import { listRepositoryTargets, type RepositoryTarget } from "./repository-targets.js";

export function createFileKind(context: GitHubContext): IntegrationKind<FileSelector> {
  return {
    name: "file",
    selectorSchema: fileSelectorSchema,
    list(request: KindListRequest<FileSelector>): AsyncIterable<RawObject[]> {
      const options = parseGitHubMappingOptions(request.mappingOptions);
      const scope = { signal: request.signal, traffic: "resync" } as const;
      const targets = listRepositoryTargets(context, request.selector.files, options, scope);
      return mapRepositoryTargets(context, "file", targets, (target) =>
        listFilesOfTarget(context, target, request.selector.includedFiles, scope),
      );
    },
  };
}

/** The blobs of a target's tree (at most 1 MiB) that match each entry, as (entry, tree entry) pairs. */
export async function matchTargetFiles<Entry extends { path: string }>(
  context: GitHubContext,
  target: RepositoryTarget<Entry>,
  scope: { signal?: AbortSignal | undefined; traffic: "resync" | "live" },
): Promise<Array<{ entry: Entry; blob: TreeEntry }>> {
  const tree = await readRepositoryTree(
    target.client,
    { owner: target.owner, repo: target.name, branch: target.branch, recursive: true },
    scope,
  );
  if (tree === null) return [];
  if (tree.truncated) {
    context.logger.warn(
      { repository: `${target.owner}/${target.name}`, branch: target.branch },
      "GitHub truncated the repository's file tree (over 100 000 entries): files beyond it are not listed",
    );
  }
  const blobs = tree.tree.filter((entry) => entry.type === "blob" && (entry.size ?? 0) <= MAX_FILE_BYTES);
  const out: Array<{ entry: Entry; blob: TreeEntry }> = [];
  for (const entry of target.entries) {
    const matches = compileGlob(entry.path);
    for (const blob of blobs) if (matches(blob.path)) out.push({ entry, blob });
  }
  return out;
}

async function listFilesOfTarget(
  context: GitHubContext,
  target: RepositoryTarget<FileEntry>,
  includedFiles: readonly string[],
  scope: { signal?: AbortSignal | undefined; traffic: "resync" },
): Promise<RawObject[]> {
  const items: RawObject[] = [];
  // A file several entries match is read once (it still gives one object per entry, as in Ocean).
  const reads = new Map<string, ReturnType<typeof readTargetFile>>();
  for (const { entry, blob } of await matchTargetFiles(context, target, scope)) {
    let read = reads.get(blob.path);
    if (!read) {
      read = readTargetFile(target, blob.path, scope);
      reads.set(blob.path, read);
    }
    const file = await read;
    if (file === null) continue;
    const item = await buildFileObject({
      client: target.client,
      organization: target.organization,
      repository: target.repository,
      owner: target.owner,
      repo: target.name,
      branch: target.branch,
      path: blob.path,
      skipParsing: entry.skipParsing,
      includedFiles,
      file,
      version: target.contentVersion,
      scope,
    });
    if (item) items.push(item);
  }
  return items;
}
