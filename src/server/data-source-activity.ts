import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { DataSource } from "../engine/data-source/data-source.js";
import type {
  eventsResponse,
  resyncStartedResponse,
  resyncsResponse,
} from "./data-source-activity-schemas.js";
import { problem } from "./webhook-route.js";

/** `?limit=` of the live events lists. */
export const eventsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** The running resync (if any) and the history, deletion log included: what the Sync page shows. */
export async function resyncsOf(dataSource: DataSource) {
  return {
    // `progress()` is undefined until the running resync has an id: still "none to show".
    running: (dataSource.resyncs.isRunning() ? dataSource.resyncs.progress() : undefined) ?? null,
    resyncs: await dataSource.history.list(dataSource.id),
  } satisfies z.input<typeof resyncsResponse>;
}

/** The inbox's counts per status and its newest deliveries. */
export async function eventsOf(dataSource: DataSource, limit: number) {
  return {
    counts: await dataSource.inbox.counts(),
    recent: await dataSource.inbox.recent(limit),
  } satisfies z.input<typeof eventsResponse>;
}

/** Starts a resync: 202, or 409 when one is running (this request is then recorded as skipped). */
export async function startResync(dataSource: DataSource, reply: FastifyReply) {
  const outcome = await dataSource.requestResync("api");
  if (!outcome.started) {
    return reply.code(409).send({
      ...problem(
        "RESYNC_ALREADY_RUNNING",
        `resync ${outcome.runningId ?? ""} is still running; this request was recorded as skipped`,
      ),
      skippedId: outcome.skippedId,
    });
  }
  outcome.summary.catch(() => undefined);
  return reply.code(202).send({ status: "started" } satisfies z.input<typeof resyncStartedResponse>);
}

/** The answer of a route for the settings data source when the settings name none. */
export function noSettingsDataSource(reply: FastifyReply) {
  return reply
    .code(404)
    .send(
      problem(
        "API_NO_SETTINGS_DATA_SOURCE",
        "there is no data source from settings (the settings name no GitHub credentials)",
        "Use the data source's own routes, /api/v1/data-sources/{id}/…; list them with GET /api/v1/data-sources.",
      ),
    );
}
