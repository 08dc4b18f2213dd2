import type { components } from "@octokit/openapi-types";
import type { ApiUrls } from "./api-urls.js";
import { gitBlobSha } from "./git-blob-sha.js";

export type DiffEntry = components["schemas"]["diff-entry"];

function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

/** Lines only in `a`, counted as a multiset (a stand-in for a line diff's count). */
function linesOnlyIn(a: string[], b: string[]): number {
  const left = new Map<string, number>();
  for (const line of b) left.set(line, (left.get(line) ?? 0) + 1);
  let count = 0;
  for (const line of a) {
    const n = left.get(line) ?? 0;
    if (n > 0) left.set(line, n - 1);
    else count += 1;
  }
  return count;
}

/**
 * One `files[]` entry of `compare` for a path whose text went from `before` to `after` (`undefined` =
 * absent); `sha` is the blob after the change, or before it for a removal, as GitHub reports.
 */
export function renderDiffEntry(input: {
  urls: ApiUrls;
  fullName: string;
  headSha: string;
  path: string;
  before: string | undefined;
  after: string | undefined;
}): DiffEntry {
  const { urls, fullName, headSha, path, before, after } = input;
  const status = before === undefined ? "added" : after === undefined ? "removed" : "modified";
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  const oldLines = lines(before ?? "");
  const newLines = lines(after ?? "");
  const additions = linesOnlyIn(newLines, oldLines);
  const deletions = linesOnlyIn(oldLines, newLines);
  return {
    sha: gitBlobSha(Buffer.from(after ?? before ?? "", "utf8")),
    filename: path,
    status,
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: `${urls.web}/${fullName}/blob/${headSha}/${encoded}`,
    raw_url: `${urls.web}/${fullName}/raw/${headSha}/${encoded}`,
    contents_url: `${urls.api}/repos/${fullName}/contents/${encoded}?ref=${headSha}`,
  };
}
