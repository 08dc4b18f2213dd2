import { RepositoryScopedIds } from "./repository-scoped-ids.js";
import type { WorkflowRecord, WorkflowRunRecord } from "./workflow.js";

/** Newest first, as GitHub lists runs, deployments and statuses (ties: the later id first). */
export function newestFirst<T extends { id: number; createdAt: string }>(a: T, b: T): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return b.id - a.id;
}

/** The Actions part of the simulated GitHub: workflows per repository and their runs. */
export class ActionsStore {
  private readonly workflows = new Map<number, WorkflowRecord>();
  private readonly runs = new Map<number, WorkflowRunRecord>();
  private readonly ids: RepositoryScopedIds<"workflow" | "run" | "checkSuite">;

  constructor(
    indexOf: (repositoryId: number) => number,
    /** Generates a lazily generated repository's workflows and runs before they are read. */
    private readonly load: (repositoryId: number) => void,
  ) {
    this.ids = new RepositoryScopedIds(
      { workflow: 160_000_001, run: 18_000_000_001, checkSuite: 46_000_000_001 },
      indexOf,
    );
  }

  /** An id from the repository's own range (see `RepositoryScopedIds`). */
  allocateId(kind: "workflow" | "run" | "checkSuite", repositoryId: number): number {
    return this.ids.allocate(kind, repositoryId);
  }

  addWorkflow(workflow: WorkflowRecord): void {
    this.load(workflow.repositoryId);
    this.workflows.set(workflow.id, workflow);
  }

  /** A repository's workflows in id (creation) order. */
  workflowsOf(repositoryId: number): WorkflowRecord[] {
    this.load(repositoryId);
    return [...this.workflows.values()]
      .filter((workflow) => workflow.repositoryId === repositoryId)
      .sort((a, b) => a.id - b.id);
  }

  /** By numeric id or by file name (`build.yml`), as GitHub's `{workflow_id}` accepts both. */
  findWorkflow(repositoryId: number, idOrFileName: string): WorkflowRecord | undefined {
    const byId = /^\d+$/.test(idOrFileName) ? this.workflows.get(Number(idOrFileName)) : undefined;
    if (byId) return byId.repositoryId === repositoryId ? byId : undefined;
    return this.workflowsOf(repositoryId).find(
      (workflow) => workflow.path.split("/").at(-1) === idOrFileName,
    );
  }

  findWorkflowByPath(repositoryId: number, path: string): WorkflowRecord | undefined {
    return this.workflowsOf(repositoryId).find((workflow) => workflow.path === path);
  }

  removeWorkflow(id: number): void {
    this.workflows.delete(id);
  }

  addRun(run: WorkflowRunRecord): void {
    this.load(run.repositoryId);
    this.runs.set(run.id, run);
  }

  /** A workflow's runs, newest first. */
  runsOf(workflowId: number): WorkflowRunRecord[] {
    return [...this.runs.values()].filter((run) => run.workflowId === workflowId).sort(newestFirst);
  }

  getRun(repositoryId: number, id: number): WorkflowRunRecord | undefined {
    this.load(repositoryId);
    const run = this.runs.get(id);
    return run && run.repositoryId === repositoryId ? run : undefined;
  }

  /** Drops a deleted (or evicted) repository's workflows and runs. */
  forgetRepository(repositoryId: number): void {
    this.ids.forgetRepository(repositoryId);
    for (const [id, run] of this.runs) if (run.repositoryId === repositoryId) this.runs.delete(id);
    for (const [id, workflow] of this.workflows)
      if (workflow.repositoryId === repositoryId) this.workflows.delete(id);
  }

  nextRunNumber(workflowId: number): number {
    return Math.max(0, ...this.runsOf(workflowId).map((run) => run.runNumber)) + 1;
  }
}
