/**
 * One file of a branch via the Contents API (`GET /repos/{o}/{r}/contents/{path}?ref={branch}`), as the
 * file kind reads it (spec §4.20): the text (base64 decoded as UTF-8 with replacement characters, NUL
 * bytes removed) and the response without `content` as `metadata`. The text is `null` when the answer is
 * not a file, has no `content`/`encoding`, or is over 1 MiB; the whole result is `null` on 404.
 * With the repository's content `version` (resyncs), the read is remembered until that changes.
 */
import type { RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient, RequestScope } from "../client/github-client.js";

/** The largest file the file kind reads (GitHub's Contents API limit for inline content). */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface RepositoryFile {
  text: string | null;
  metadata: RawObject;
}

export interface RepositoryFileTarget {
  owner: string;
  repo: string;
  branch: string;
  path: string;
  /** `repositoryContentVersion()` of the repository, to remember the read; none reads afresh. */
  version?: string | undefined;
}

export function readRepositoryFile(
  client: GitHubClient,
  target: RepositoryFileTarget,
  scope: RequestScope = {},
): Promise<RepositoryFile | null> {
  return client.remember(
    `file of ${target.owner}/${target.repo}@${target.branch}:${target.path}`,
    target.version,
    () => fetchRepositoryFile(client, target, scope),
  );
}

async function fetchRepositoryFile(
  client: GitHubClient,
  target: RepositoryFileTarget,
  scope: RequestScope,
): Promise<RepositoryFile | null> {
  const encodedPath = target.path.split("/").map(encodeURIComponent).join("/");
  const answer = await client.getOrNull<RawObject | RawObject[]>(
    `GET /repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/contents/${encodedPath}`,
    { ref: target.branch },
    { purpose: `reading ${target.path} of ${target.owner}/${target.repo}@${target.branch}`, ...scope },
  );
  if (answer === null || Array.isArray(answer)) return null;
  const { content, ...metadata } = answer;
  const size = typeof answer.size === "number" ? answer.size : 0;
  const isFile = answer.type === undefined || answer.type === "file";
  if (
    !isFile ||
    size > MAX_FILE_BYTES ||
    typeof content !== "string" ||
    typeof answer.encoding !== "string"
  ) {
    return { text: null, metadata };
  }
  const text =
    answer.encoding === "base64"
      ? Buffer.from(content, "base64").toString("utf8").replaceAll("\0", "")
      : content.replaceAll("\0", "");
  return { text, metadata };
}
