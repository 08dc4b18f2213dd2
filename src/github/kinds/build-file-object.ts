/**
 * The raw object of one file (spec §4.20), for resync and the push event alike: `{organization,
 * content, repository, branch, path, name, metadata, __base_jq: ".content"}` plus `__includedFiles`
 * when the selector asks. Content is parsed by extension unless `skipParsing`, then its first-level
 * `file://` references are replaced by the referenced files' parsed content (`""` when missing).
 */
import type { RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient, RequestScope } from "../client/github-client.js";
import { parseFileContent, resolveFileReferences } from "./parse-file-content.js";
import { type RepositoryFile, readRepositoryFile } from "./read-repository-file.js";
import { directoryOf, joinRelative } from "./relative-path.js";

export interface FileObjectInput {
  client: GitHubClient;
  organization: string;
  repository: RawObject;
  owner: string;
  repo: string;
  branch: string;
  path: string;
  skipParsing: boolean;
  includedFiles: readonly string[];
  file: RepositoryFile;
  /** The repository's content version, to remember the referenced and included files' reads. */
  version?: string | undefined;
  scope: RequestScope;
}

/** The file's object, or `null` when it has no text to give (not a file, or too large). */
export async function buildFileObject(input: FileObjectInput): Promise<RawObject | null> {
  const { client, owner, repo, branch, path, scope } = input;
  if (input.file.text === null) return null;
  const directory = directoryOf(path);
  const texts = new Map<string, Promise<string | null>>();
  const readText = (relative: string): Promise<string | null> => {
    const full = joinRelative(directory, relative);
    let pending = texts.get(full);
    if (!pending) {
      pending = readRepositoryFile(
        client,
        { owner, repo, branch, path: full, version: input.version },
        scope,
      ).then((file) => file?.text ?? null);
      texts.set(full, pending);
    }
    return pending;
  };
  let content: unknown = input.file.text;
  if (!input.skipParsing) {
    content = await resolveFileReferences(parseFileContent(path, input.file.text), async (reference) => {
      const text = await readText(reference);
      return text === null ? "" : parseFileContent(reference, text);
    });
  }
  const item: RawObject = {
    organization: input.organization,
    content,
    repository: input.repository,
    branch,
    path,
    name: path.slice(path.lastIndexOf("/") + 1),
    metadata: input.file.metadata,
    __base_jq: ".content",
  };
  if (input.includedFiles.length > 0) {
    const included: Record<string, string | null> = {};
    for (const requested of input.includedFiles) included[requested] = await readText(requested);
    item.__includedFiles = included;
  }
  return item;
}
