/**
 * The workflow-run kind's selector (spec §4.6): `statuses` (run statuses and conclusions; each adds one
 * listing per workflow), `since` (days back) or `since_date` (an ISO date; snake_case as in Ocean) for
 * the `created` filter. `since` wins when both are set, as in Ocean.
 */
import { z } from "zod";
import { repositoryScopedSelectorSchema } from "./repository-scoped-selector.js";

export const workflowRunStatuses = [
  "completed",
  "action_required",
  "cancelled",
  "failure",
  "neutral",
  "skipped",
  "stale",
  "success",
  "timed_out",
  "in_progress",
  "queued",
  "requested",
  "waiting",
  "pending",
] as const;

export const workflowRunSelectorSchema = repositoryScopedSelectorSchema.extend({
  statuses: z
    .array(z.enum(workflowRunStatuses))
    .nullish()
    .transform((value) => (value && value.length > 0 ? [...new Set(value)] : null)),
  since: z
    .number()
    .int()
    .min(1, "must be at least 1 (days)")
    .nullish()
    .transform((value) => value ?? null),
  since_date: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), "must be an ISO 8601 date, e.g. 2024-01-01")
    .nullish()
    .transform((value) => value ?? null),
});

export type WorkflowRunSelector = z.output<typeof workflowRunSelectorSchema>;

/** GitHub's `created` qualifier for the selector, or undefined for none; `now` is injectable for tests. */
export function createdFilter(selector: WorkflowRunSelector, now: Date = new Date()): string | undefined {
  if (selector.since !== null) return createdSince(new Date(now.getTime() - selector.since * 86_400_000));
  if (selector.since_date !== null) return `>=${selector.since_date}`;
  return undefined;
}

/** `created=>=%Y-%m-%dT%H:%M:%SZ`: runs created at or after `from` (an incremental run's cursor, spec §6). */
export function createdSince(from: Date): string {
  return `>=${from.toISOString().slice(0, 19)}Z`;
}
