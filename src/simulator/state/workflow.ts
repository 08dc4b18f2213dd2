/** A GitHub Actions workflow (a file under `.github/workflows/`) and its runs, as the simulator stores them. */
export type WorkflowState =
  | "active"
  | "deleted"
  | "disabled_fork"
  | "disabled_inactivity"
  | "disabled_manually";

export interface WorkflowRecord {
  id: number;
  repositoryId: number;
  name: string;
  /** `.github/workflows/<file>.yml`. */
  path: string;
  state: WorkflowState;
  createdAt: string;
  updatedAt: string;
}

/** A run's statuses, in the order the generator draws them from. */
export const workflowRunStatuses = [
  "requested",
  "queued",
  "in_progress",
  "completed",
  "waiting",
  "pending",
] as const;

export type WorkflowRunStatus = (typeof workflowRunStatuses)[number];

/** A completed run's conclusions, in the order the generator draws them from. */
export const workflowRunConclusions = [
  "success",
  "failure",
  "cancelled",
  "skipped",
  "neutral",
  "timed_out",
  "action_required",
  "stale",
] as const;

export type WorkflowRunConclusion = (typeof workflowRunConclusions)[number] | null;

export interface WorkflowRunRecord {
  id: number;
  workflowId: number;
  repositoryId: number;
  runNumber: number;
  runAttempt: number;
  /** What triggered it: `push`, `pull_request`, `schedule`, `workflow_dispatch`, ... */
  event: string;
  status: WorkflowRunStatus;
  conclusion: WorkflowRunConclusion;
  headBranch: string;
  headSha: string;
  /** The head commit's message (the run's `display_title` for push runs). */
  headMessage: string;
  actorId: number;
  checkSuiteId: number;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string;
}
