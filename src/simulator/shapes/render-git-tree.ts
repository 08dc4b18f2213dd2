import type { components } from "@octokit/openapi-types";
import type { GitTreeEntry } from "../state/git-tree.js";
import type { ApiUrls } from "./api-urls.js";

export type GitTreeBody = components["schemas"]["git-tree"];

/** `git-tree`: `GET /repos/{o}/{r}/git/trees/{sha}`; entry paths relative to the requested tree. */
export function renderGitTree(input: {
  urls: ApiUrls;
  fullName: string;
  sha: string;
  /** Directory of the requested tree (`""` for the root), stripped from entry paths. */
  base: string;
  entries: readonly GitTreeEntry[];
  truncated: boolean;
}): GitTreeBody {
  const api = `${input.urls.api}/repos/${input.fullName}/git`;
  const prefix = input.base === "" ? "" : `${input.base}/`;
  return {
    sha: input.sha,
    url: `${api}/trees/${input.sha}`,
    tree: input.entries.map((entry) => ({
      path: entry.path.slice(prefix.length),
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.size !== undefined ? { size: entry.size } : {}),
      url: `${api}/${entry.type === "blob" ? "blobs" : "trees"}/${entry.sha}`,
    })),
    truncated: input.truncated,
  };
}
