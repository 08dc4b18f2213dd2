/**
 * A branch's git tree (`GET /repos/{o}/{r}/git/trees/{branch}`, `recursive=1` when asked). An empty
 * repository (GitHub's `409 Git Repository is empty.`) or a repository or branch that is gone (`404`,
 * logged as a warning) has no tree: `null`. A truncated tree (over 100 000 entries) is returned with `truncated: true` for the caller to
 * report, as GitHub gives no way to page it.
 */
import type { GitHubClient, RequestScope } from "../client/github-client.js";

export interface TreeEntry {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
  size?: number;
  url?: string;
}

export interface RepositoryTree {
  sha: string;
  truncated: boolean;
  tree: TreeEntry[];
}

export async function readRepositoryTree(
  client: GitHubClient,
  target: { owner: string; repo: string; branch: string; recursive: boolean },
  scope: RequestScope = {},
): Promise<RepositoryTree | null> {
  const route = `GET /repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/git/trees/${target.branch
    .split("/")
    .map(encodeURIComponent)
    .join("/")}`;
  try {
    const tree = await client.getOrNull<RepositoryTree>(route, target.recursive ? { recursive: "1" } : {}, {
      purpose: `reading the file tree of ${target.owner}/${target.repo}@${target.branch}`,
      ...scope,
    });
    if (tree === null) {
      // Listed (or named) a moment ago: a warning, as a resync then drops what the catalog holds of it.
      client.logger.warn(
        { repository: `${target.owner}/${target.repo}`, branch: target.branch },
        "repository or branch gone (404): no file tree to read",
      );
    }
    return tree;
  } catch (error) {
    if (statusOf(error) === 409) return null;
    throw error;
  }
}

/** The HTTP status behind a client error (its `cause` is Octokit's request error). */
export function statusOf(error: unknown): number | undefined {
  const cause = (error as { cause?: { status?: unknown } } | undefined)?.cause;
  return typeof cause?.status === "number" ? cause.status : undefined;
}
