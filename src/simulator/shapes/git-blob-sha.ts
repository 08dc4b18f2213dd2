import { createHash } from "node:crypto";

/** The git blob id of a file's bytes (`sha1("blob <size>\0" + bytes)`), as GitHub reports as `sha`. */
export function gitBlobSha(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

/** A stable tree-like id for a directory listing (the simulator keeps no real git trees). */
export function gitTreeSha(entries: readonly string[]): string {
  return createHash("sha1")
    .update(`tree\0${entries.join("\0")}`)
    .digest("hex");
}
