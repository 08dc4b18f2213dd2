import type { components } from "@octokit/openapi-types";
import type { ApiUrls } from "./api-urls.js";
import { gitBlobSha, gitTreeSha } from "./git-blob-sha.js";

export type ContentFile = components["schemas"]["content-file"];
export type ContentDirectoryEntry = components["schemas"]["content-directory"][number];

interface ContentLocation {
  urls: ApiUrls;
  fullName: string;
  ref: string;
  path: string;
}

/** GitHub's base64 of file contents: lines of 60 characters, each ending in `\n`. */
export function githubBase64(content: Buffer): string {
  const flat = content.toString("base64");
  let out = "";
  for (let i = 0; i < flat.length; i += 60) out += `${flat.slice(i, i + 60)}\n`;
  return out;
}

function links(location: ContentLocation, type: "file" | "dir", sha: string) {
  const { urls, fullName, ref, path } = location;
  const self = `${urls.api}/repos/${fullName}/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`;
  const git = `${urls.api}/repos/${fullName}/git/${type === "file" ? "blobs" : "trees"}/${sha}`;
  const html = `${urls.web}/${fullName}/${type === "file" ? "blob" : "tree"}/${encodeURIComponent(ref)}/${encodePath(path)}`;
  return { self, git, html };
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function rawUrl(location: ContentLocation): string {
  return `${location.urls.web}/${location.fullName}/raw/${encodeURIComponent(location.ref)}/${encodePath(location.path)}`;
}

/** `content-file`: `GET /repos/{o}/{r}/contents/{path}` for a file. */
export function renderContentFile(location: ContentLocation, text: string): ContentFile {
  const bytes = Buffer.from(text, "utf8");
  const sha = gitBlobSha(bytes);
  const link = links(location, "file", sha);
  return {
    name: location.path.split("/").pop() ?? location.path,
    path: location.path,
    sha,
    size: bytes.length,
    url: link.self,
    html_url: link.html,
    git_url: link.git,
    download_url: rawUrl(location),
    type: "file",
    content: githubBase64(bytes),
    encoding: "base64",
    _links: link,
  };
}

/** One entry of a directory listing (`content-directory`). */
export function renderDirectoryEntry(
  location: ContentLocation,
  entry: { type: "file"; text: string } | { type: "dir"; children: string[] },
): ContentDirectoryEntry {
  const sha =
    entry.type === "file" ? gitBlobSha(Buffer.from(entry.text, "utf8")) : gitTreeSha(entry.children);
  const link = links(location, entry.type, sha);
  return {
    name: location.path.split("/").pop() ?? location.path,
    path: location.path,
    sha,
    size: entry.type === "file" ? Buffer.byteLength(entry.text, "utf8") : 0,
    url: link.self,
    html_url: link.html,
    git_url: link.git,
    download_url: entry.type === "file" ? rawUrl(location) : null,
    type: entry.type,
    _links: link,
  };
}
