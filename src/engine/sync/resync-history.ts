import { randomUUID } from "node:crypto";
import type { Queryable } from "../store/database.js";
import type { ResyncSummary } from "./resync-summary.js";

/** Every resync is recorded: start, end, counts per kind, errors and each deletion with its reason. */
export class ResyncHistory {
  constructor(private readonly database: Queryable) {}

  /** Records the start; the start time is the database's clock, the one `updated_at` uses. */
  async start(dataSource: string, trigger: string): Promise<{ id: string; startedAt: Date }> {
    const id = randomUUID();
    const { rows } = await this.database.query<{ started_at: Date }>(
      "INSERT INTO resyncs (id, data_source, trigger, status, started_at) VALUES ($1, $2, $3, 'running', clock_timestamp()) RETURNING started_at",
      [id, dataSource, trigger],
    );
    const startedAt = rows[0]?.started_at;
    if (!startedAt) throw new Error("resync start was not recorded");
    return { id, startedAt };
  }

  async finish(summary: ResyncSummary): Promise<void> {
    await this.database.query(
      "UPDATE resyncs SET status = $2, finished_at = clock_timestamp(), summary = $3 WHERE id = $1",
      [summary.id, summary.status, JSON.stringify(summary)],
    );
  }

  /**
   * Closes the resyncs of `dataSource` still marked running — call it only while holding the data
   * source's resync lock, when none can be running: their process died (a crash, a SIGKILL) mid-resync.
   * They become `failed` with a `RESYNC_INTERRUPTED` error, so the history never shows a resync running
   * forever. Returns their ids.
   */
  async closeInterrupted(dataSource: string): Promise<string[]> {
    const error = {
      kind: "",
      resourceIndex: -1,
      code: "RESYNC_INTERRUPTED",
      message:
        "the process stopped during this resync (a crash or a kill); nothing was deleted, and the next resync covers it",
    };
    const { rows } = await this.database.query<{ id: string }>(
      `UPDATE resyncs SET status = 'failed', finished_at = clock_timestamp(),
         summary = jsonb_build_object('status', 'failed', 'errors', jsonb_build_array($2::jsonb))
       WHERE data_source = $1 AND status = 'running' RETURNING id`,
      [dataSource, JSON.stringify(error)],
    );
    return rows.map((row) => row.id);
  }

  /** A resync that was due while another ran: recorded, not run. */
  async recordSkip(dataSource: string, trigger: string, reason: string): Promise<string> {
    const id = randomUUID();
    await this.database.query(
      "INSERT INTO resyncs (id, data_source, trigger, status, started_at, finished_at, summary) VALUES ($1, $2, $3, 'skipped', clock_timestamp(), clock_timestamp(), $4)",
      [id, dataSource, trigger, JSON.stringify({ reason })],
    );
    return id;
  }

  async list(dataSource: string, limit = 50): Promise<ResyncSummary[]> {
    const { rows } = await this.database.query<{
      id: string;
      data_source: string;
      trigger: string;
      status: ResyncSummary["status"];
      started_at: Date;
      finished_at: Date | null;
      summary: Partial<ResyncSummary>;
    }>("SELECT * FROM resyncs WHERE data_source = $1 ORDER BY started_at DESC LIMIT $2", [dataSource, limit]);
    return rows.map((row) => ({
      kinds: {},
      errors: [],
      deletion: { performed: false, reason: "", candidates: 0 },
      deletions: [],
      refusedDeletions: [],
      entityFailures: [],
      fieldFailures: [],
      ...row.summary,
      id: row.id,
      dataSource: row.data_source,
      trigger: row.trigger,
      status: row.status,
      startedAt: row.started_at.toISOString(),
      ...(row.finished_at ? { finishedAt: row.finished_at.toISOString() } : {}),
    }));
  }
}
