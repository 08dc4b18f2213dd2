/** Counts for one kind (all resources of that kind added up). */
export interface KindCounts {
  /** Raw objects the integration listed. */
  seen: number;
  /** Entities created or changed. */
  upserted: number;
  /** Entities identical to the stored ones (nothing written). */
  unchanged: number;
  /** Objects the selector query rejected. */
  filteredOut: number;
  /** Objects whose identifier or blueprint came out empty (Ocean drops them). */
  dropped: number;
  /** Entities the catalog refused plus objects the mapping could not turn into entities. */
  failed: number;
  deleted: number;
}

export interface ResyncError {
  kind: string;
  resourceIndex: number;
  code: string;
  message: string;
  /** The underlying error's message, when the error wraps one (a network failure, say). */
  cause?: string;
}

export interface Deletion {
  blueprint: string;
  identifier: string;
  reason: string;
}

export type ResyncStatus = "running" | "completed" | "failed" | "skipped";

export interface ResyncSummary {
  id: string;
  dataSource: string;
  trigger: string;
  status: ResyncStatus;
  startedAt: string;
  finishedAt?: string;
  /** A skipped resync: why (the one running meanwhile). */
  reason?: string;
  kinds: Record<string, KindCounts>;
  errors: ResyncError[];
  /** Why stale entities were or were not deleted. */
  deletion: { performed: boolean; reason: string; candidates: number };
  deletions: Deletion[];
  /** Stale entities kept because deleting them would break a required relation. */
  refusedDeletions: Deletion[];
  /** The entities the catalog refused, each with why (the first 100; `kinds` counts them all). */
  entityFailures: Array<{
    kind: string;
    blueprint: string;
    identifier: string;
    code: string;
    message: string;
  }>;
  /** Up to a few field failures per resource, to explain nulls (the full list is in the logs). */
  fieldFailures: Array<{ kind: string; field: string; expression: string; error?: string; count: number }>;
}

export function emptyKindCounts(): KindCounts {
  return { seen: 0, upserted: 0, unchanged: 0, filteredOut: 0, dropped: 0, failed: 0, deleted: 0 };
}
