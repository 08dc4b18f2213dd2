import { createHash } from "node:crypto";
import { gitBlobSha } from "../shapes/git-blob-sha.js";

/** One entry of a git tree, as GitHub's trees API names its fields. */
export interface GitTreeEntry {
  /** Path from the repository root. */
  path: string;
  /** `100644` for a file, `040000` for a directory (GitHub's spelling). */
  mode: "100644" | "040000";
  type: "blob" | "tree";
  sha: string;
  /** Bytes of a blob; absent for trees. */
  size?: number;
}

/** A directory of a snapshot: its git id and direct children. */
export interface GitTree {
  sha: string;
  /** Path of the directory (`""` for the root). */
  path: string;
  entries: GitTreeEntry[];
}

/**
 * The git trees of a snapshot of files (`path → text`), computed like git does (`sha1("tree <n>\0" +
 * entries)`, entries in git's order, where a directory sorts as `name/`), so shas are stable and a
 * directory's sha changes exactly when something below it changes. Returns every tree by path.
 */
export function buildGitTrees(files: ReadonlyMap<string, string>): Map<string, GitTree> {
  const children = new Map<string, Map<string, { type: "blob" | "tree"; text?: string }>>();
  const dir = (path: string) => {
    let entry = children.get(path);
    if (!entry) {
      entry = new Map();
      children.set(path, entry);
    }
    return entry;
  };
  dir("");
  for (const [path, text] of files) {
    const parts = path.split("/");
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/");
      const name = parts[i] as string;
      if (i === parts.length - 1) dir(parent).set(name, { type: "blob", text });
      else {
        dir(parent).set(name, { type: "tree" });
        dir(parts.slice(0, i + 1).join("/"));
      }
    }
  }
  const trees = new Map<string, GitTree>();
  const build = (path: string): GitTree => {
    const names = [...(children.get(path) ?? new Map()).entries()].sort(([a, x], [b, y]) => {
      const left = x.type === "tree" ? `${a}/` : a;
      const right = y.type === "tree" ? `${b}/` : b;
      return left < right ? -1 : left > right ? 1 : 0;
    });
    const entries: GitTreeEntry[] = [];
    const body: Buffer[] = [];
    for (const [name, child] of names) {
      const childPath = path === "" ? name : `${path}/${name}`;
      if (child.type === "tree") {
        const sub = build(childPath);
        entries.push({ path: childPath, mode: "040000", type: "tree", sha: sub.sha });
        body.push(Buffer.from(`40000 ${name}\0`), Buffer.from(sub.sha, "hex"));
      } else {
        const bytes = Buffer.from(child.text ?? "", "utf8");
        const sha = gitBlobSha(bytes);
        entries.push({ path: childPath, mode: "100644", type: "blob", sha, size: bytes.length });
        body.push(Buffer.from(`100644 ${name}\0`), Buffer.from(sha, "hex"));
      }
    }
    const content = Buffer.concat(body);
    const sha = createHash("sha1").update(`tree ${content.length}\0`).update(content).digest("hex");
    const tree = { sha, path, entries };
    trees.set(path, tree);
    return tree;
  };
  build("");
  return trees;
}

/** Every entry below `tree`, depth first in git's order, as `?recursive=1` lists them. */
export function flattenGitTree(trees: ReadonlyMap<string, GitTree>, tree: GitTree): GitTreeEntry[] {
  const out: GitTreeEntry[] = [];
  const walk = (current: GitTree) => {
    for (const entry of current.entries) {
      out.push(entry);
      if (entry.type === "tree") {
        const sub = trees.get(entry.path);
        if (sub) walk(sub);
      }
    }
  };
  walk(tree);
  return out;
}
