/** One pull request as the simulator stores it. `merged` ⇔ `mergedAt !== null` (always `closed`). */
export interface PullRequestRecord {
  id: number;
  repositoryId: number;
  /** Per-repository number, shared with issues as on GitHub. */
  number: number;
  title: string;
  body: string | null;
  authorId: number;
  assigneeIds: number[];
  requestedReviewerIds: number[];
  labels: string[];
  state: "open" | "closed";
  draft: boolean;
  locked: boolean;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  mergedById: number | null;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
  comments: number;
  reviewComments: number;
}
