import { z } from "zod";
import type { ApiResponse } from "./openapi/api-operation.js";
import { timestamp } from "./openapi/common-schemas.js";

const kindCounts = z.object({
  seen: z.number().int(),
  upserted: z.number().int(),
  unchanged: z.number().int(),
  filteredOut: z.number().int(),
  dropped: z.number().int(),
  failed: z.number().int(),
  deleted: z.number().int(),
});

const deletion = z.object({ blueprint: z.string(), identifier: z.string(), reason: z.string() });

/** A resync as the history keeps it (`ResyncSummary`), or the running one's progress. */
export const resyncSummarySchema = z.object({
  id: z.string(),
  dataSource: z.string(),
  trigger: z.string(),
  status: z.enum(["running", "completed", "failed", "skipped"]),
  startedAt: timestamp,
  finishedAt: timestamp.optional(),
  reason: z.string().optional().describe("a skipped resync: why"),
  kinds: z.record(z.string(), kindCounts),
  errors: z.array(
    z.object({
      kind: z.string(),
      resourceIndex: z.number().int(),
      code: z.string(),
      message: z.string(),
      cause: z.string().optional(),
    }),
  ),
  deletion: z.object({ performed: z.boolean(), reason: z.string(), candidates: z.number().int() }),
  deletions: z.array(deletion),
  refusedDeletions: z.array(deletion),
  entityFailures: z.array(
    z.object({
      kind: z.string(),
      blueprint: z.string(),
      identifier: z.string(),
      code: z.string(),
      message: z.string(),
    }),
  ),
  fieldFailures: z.array(
    z.object({
      kind: z.string(),
      field: z.string(),
      expression: z.string(),
      error: z.string().optional(),
      count: z.number().int(),
    }),
  ),
});

export const resyncsResponse = z.object({
  running: resyncSummarySchema.nullable(),
  resyncs: z.array(resyncSummarySchema).describe("newest first"),
});

export const eventsResponse = z.object({
  counts: z.record(z.string(), z.number().int()).describe("deliveries per status"),
  recent: z.array(
    z.object({
      deliveryId: z.string(),
      event: z.string(),
      action: z.string().nullable(),
      groupKey: z.string(),
      status: z.string(),
      attempts: z.number().int(),
      error: z.string().nullable(),
      receivedAt: timestamp,
      finishedAt: timestamp.nullable(),
    }),
  ),
});

export const resyncStartedResponse = z.object({ status: z.literal("started") });

/** The answers of "start a resync", wherever the data source is addressed. */
export const startResyncResponses: Readonly<Record<number, ApiResponse>> = {
  202: { description: "The resync started.", schema: resyncStartedResponse },
  409: {
    description: "A resync is running; this request is recorded as skipped.",
    codes: ["RESYNC_ALREADY_RUNNING"],
    besideError: { skippedId: z.string().describe("the id of the skipped resync in the history") },
  },
};
