import { createHash } from "node:crypto";
import type { AccountRecord } from "./account.js";
import { buildGitTrees, type GitTree } from "./git-tree.js";

/** A person in a commit, as git records them. */
export interface GitPerson {
  name: string;
  email: string;
  /** The GitHub login, when the email belongs to one. */
  login: string | null;
}

/** One commit: a full snapshot of the branch's files and its trees (copy on write, small scale). */
export interface GitCommitRecord {
  sha: string;
  repositoryId: number;
  parentSha: string | null;
  message: string;
  author: GitPerson;
  /** GitHub time format. */
  timestamp: string;
  files: ReadonlyMap<string, string>;
  /** Trees by directory path (`""` is the root). */
  trees: ReadonlyMap<string, GitTree>;
}

/** A GitHub user as git records them in commits (their public email, or GitHub's noreply address). */
export function gitPersonOf(account: AccountRecord): GitPerson {
  return {
    name: account.name ?? account.login,
    email: account.email ?? `${account.id}+${account.login}@users.noreply.github.com`,
    login: account.login,
  };
}

/** Who commits the snapshots of changes made without a push (generated data, the contents control). */
const GITHUB_COMMITTER: GitPerson = { name: "GitHub", email: "noreply@github.com", login: null };

/**
 * The commits of every repository. Branch files live in `SimulatorState` (the contents routes read them);
 * this history gives them commit ids: `head()` turns the current files of a branch into its head commit,
 * committing them first when they changed since (so files written by the generator or the contents
 * control have a commit too). A push (`commit()`) records a commit with its author and message.
 */
export class GitHistory {
  private readonly commits = new Map<string, GitCommitRecord>();
  /** `repositoryId/ref` → head commit sha. */
  private readonly heads = new Map<string, string>();
  /** tree sha → [commit sha, directory path], to answer `GET /git/trees/{tree_sha}`. */
  private readonly treeIndex = new Map<string, { commitSha: string; path: string }>();
  /**
   * What each repository added to the three maps above, so forgetting one (the lazy repositories'
   * eviction does it all the time) touches its own entries instead of scanning every repository's.
   */
  private readonly keysByRepository = new Map<
    number,
    { commits: Set<string>; heads: Set<string>; trees: Set<string> }
  >();

  /** `load` generates a lazily generated repository's files (and so its commits) before they are read. */
  constructor(private readonly load: (repositoryId: number) => void) {}

  /** The head commit of `ref` for these current files; undefined when the branch has no files. */
  head(
    repositoryId: number,
    ref: string,
    files: ReadonlyMap<string, string>,
    timestamp: string,
  ): GitCommitRecord | undefined {
    if (files.size === 0) return undefined;
    const known = this.headOf(repositoryId, ref);
    if (known && sameFiles(known.files, files)) return known;
    return this.commit(repositoryId, ref, {
      parentSha: known?.sha ?? null,
      files,
      message: known ? "Update files" : "Initial commit",
      author: GITHUB_COMMITTER,
      // Never older than its parent, so a branch's history reads newest first.
      timestamp: known && known.timestamp > timestamp ? known.timestamp : timestamp,
    });
  }

  /** The last commit recorded on `ref`, without committing its current files. */
  headOf(repositoryId: number, ref: string): GitCommitRecord | undefined {
    this.load(repositoryId);
    const sha = this.heads.get(`${repositoryId}/${ref}`);
    return sha === undefined ? undefined : this.commits.get(sha);
  }

  /** Records a commit as the new head of `ref`. */
  commit(
    repositoryId: number,
    ref: string,
    input: {
      parentSha: string | null;
      files: ReadonlyMap<string, string>;
      message: string;
      author: GitPerson;
      timestamp: string;
    },
  ): GitCommitRecord {
    // A commit that changes no file (most generated ones) shares its parent's snapshot and trees.
    const parent = input.parentSha === null ? undefined : this.commits.get(input.parentSha);
    const unchanged = parent !== undefined && sameFiles(parent.files, input.files);
    const files = unchanged ? parent.files : new Map(input.files);
    const trees = unchanged ? parent.trees : buildGitTrees(files);
    const root = trees.get("") as GitTree;
    const seconds = Math.floor(Date.parse(input.timestamp) / 1000);
    const who = `${input.author.name} <${input.author.email}> ${seconds} +0000`;
    const body = [
      `tree ${root.sha}`,
      ...(input.parentSha ? [`parent ${input.parentSha}`] : []),
      `author ${who}`,
      `committer ${who}`,
      "",
      input.message,
      "",
    ].join("\n");
    const sha = createHash("sha1")
      .update(`commit ${Buffer.byteLength(body)}\0`)
      .update(body)
      .digest("hex");
    const record: GitCommitRecord = {
      sha,
      repositoryId,
      parentSha: input.parentSha,
      message: input.message,
      author: input.author,
      timestamp: input.timestamp,
      files,
      trees,
    };
    const keys = this.keysOf(repositoryId);
    this.commits.set(sha, record);
    keys.commits.add(sha);
    this.heads.set(`${repositoryId}/${ref}`, sha);
    keys.heads.add(`${repositoryId}/${ref}`);
    for (const tree of trees.values()) {
      if (this.treeIndex.has(tree.sha)) continue;
      this.treeIndex.set(tree.sha, { commitSha: sha, path: tree.path });
      keys.trees.add(tree.sha);
    }
    return record;
  }

  /** A commit of the repository by full sha or an unambiguous prefix of at least 7 characters. */
  findCommit(repositoryId: number, sha: string): GitCommitRecord | undefined {
    this.load(repositoryId);
    const wanted = sha.toLowerCase();
    if (!/^[0-9a-f]{7,40}$/.test(wanted)) return undefined;
    const exact = this.commits.get(wanted);
    if (exact) return exact.repositoryId === repositoryId ? exact : undefined;
    const matches = [...this.commits.values()].filter(
      (commit) => commit.repositoryId === repositoryId && commit.sha.startsWith(wanted),
    );
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** A tree of the repository by its sha. */
  findTree(repositoryId: number, sha: string): { commit: GitCommitRecord; tree: GitTree } | undefined {
    this.load(repositoryId);
    const where = this.treeIndex.get(sha.toLowerCase());
    const commit = where ? this.commits.get(where.commitSha) : undefined;
    if (!where || !commit || commit.repositoryId !== repositoryId) return undefined;
    const tree = commit.trees.get(where.path);
    return tree ? { commit, tree } : undefined;
  }

  /** Drops a deleted (or evicted) repository's commits; an evicted one commits the same shas again. */
  forgetRepository(repositoryId: number): void {
    const keys = this.keysByRepository.get(repositoryId);
    if (!keys) return;
    this.keysByRepository.delete(repositoryId);
    // Another repository may have committed the same sha since (same files, time and message).
    for (const sha of keys.commits)
      if (this.commits.get(sha)?.repositoryId === repositoryId) this.commits.delete(sha);
    for (const key of keys.heads) this.heads.delete(key);
    for (const sha of keys.trees) {
      const where = this.treeIndex.get(sha);
      if (where && !this.commits.has(where.commitSha)) this.treeIndex.delete(sha);
    }
  }

  private keysOf(repositoryId: number) {
    let keys = this.keysByRepository.get(repositoryId);
    if (!keys) {
      keys = { commits: new Set(), heads: new Set(), trees: new Set() };
      this.keysByRepository.set(repositoryId, keys);
    }
    return keys;
  }

  /** `sha` and its ancestors, newest first. */
  ancestry(sha: string): GitCommitRecord[] {
    const out: GitCommitRecord[] = [];
    let current = this.commits.get(sha);
    while (current) {
      out.push(current);
      current = current.parentSha ? this.commits.get(current.parentSha) : undefined;
    }
    return out;
  }
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, text] of a) if (b.get(path) !== text) return false;
  return true;
}
