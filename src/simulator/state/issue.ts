/** One issue as the simulator stores it; pull requests live in `pull-request.ts` but share its numbers. */
export interface IssueRecord {
  id: number;
  repositoryId: number;
  /** Per-repository number, shared with pull requests as on GitHub. */
  number: number;
  title: string;
  body: string | null;
  authorId: number;
  assigneeIds: number[];
  /** Label names; labels are per repository (`RepositoryActivity.labelsOf`). */
  labels: string[];
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | null;
  locked: boolean;
  comments: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedById: number | null;
  /** The id of one of the owning organization's issue types (`issue-type.ts`), or null. */
  typeId: number | null;
}
