import type { CommitRecord } from "./commit.js";

/** What comparing two commits of a linear history gives, as GitHub's compare endpoint reports it. */
export interface CommitComparison {
  status: "identical" | "ahead" | "behind";
  aheadBy: number;
  behindBy: number;
  /** The commits reachable from head but not from base, oldest first. */
  commits: CommitRecord[];
}

/**
 * Commits per repository: a linear default-branch history, oldest first. Enough for what the deployment
 * kind asks (a commit by sha, the commits between two deployed shas).
 */
export class CommitsStore {
  private readonly histories = new Map<number, CommitRecord[]>();

  /** `load` generates a lazily generated repository's history before it is read. */
  constructor(private readonly load: (repositoryId: number) => void) {}

  /** Appends a commit to its repository's history (it becomes the newest). */
  append(commit: CommitRecord): void {
    this.load(commit.repositoryId);
    const history = this.histories.get(commit.repositoryId) ?? [];
    history.push(commit);
    this.histories.set(commit.repositoryId, history);
  }

  forgetRepository(repositoryId: number): void {
    this.histories.delete(repositoryId);
  }

  historyOf(repositoryId: number): readonly CommitRecord[] {
    this.load(repositoryId);
    return this.histories.get(repositoryId) ?? [];
  }

  find(repositoryId: number, sha: string): CommitRecord | undefined {
    return this.historyOf(repositoryId).find((commit) => commit.sha === sha.toLowerCase());
  }

  /** Undefined when either commit is unknown. */
  compare(repositoryId: number, base: string, head: string): CommitComparison | undefined {
    const history = this.historyOf(repositoryId);
    const from = history.findIndex((commit) => commit.sha === base.toLowerCase());
    const to = history.findIndex((commit) => commit.sha === head.toLowerCase());
    if (from < 0 || to < 0) return undefined;
    if (from === to) return { status: "identical", aheadBy: 0, behindBy: 0, commits: [] };
    if (from < to)
      return { status: "ahead", aheadBy: to - from, behindBy: 0, commits: history.slice(from + 1, to + 1) };
    return { status: "behind", aheadBy: 0, behindBy: from - to, commits: [] };
  }
}
