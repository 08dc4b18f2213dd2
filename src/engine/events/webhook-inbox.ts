import type { LiveEvent } from "../integration/integration.js";
import type { Database } from "../store/database.js";
import { storablePayload } from "./storable-payload.js";

export interface InboxEntry extends LiveEvent {
  sequence: number;
  groupKey: string;
  attempts: number;
}

export interface RecentDelivery {
  deliveryId: string;
  event: string;
  action: string | null;
  groupKey: string;
  status: string;
  attempts: number;
  error: string | null;
  receivedAt: string;
  finishedAt: string | null;
}

export interface AppendOutcome {
  /** False when this delivery id was already received (a redelivery): it is not processed twice. */
  accepted: boolean;
}

/** A claimable event: queued and due, or in progress under a lease that ran out (its worker died). */
function claimable(table: string): string {
  return `(${table}.status = 'queued' AND ${table}.available_at <= clock_timestamp())
    OR (${table}.status = 'processing' AND ${table}.lease_expires_at < clock_timestamp())`;
}

/**
 * The durable webhook inbox: a delivery is stored before the endpoint answers 202, and leaves the
 * queue only once applied. Events of one group are handed out one at a time, in arrival order —
 * across workers and across replicas sharing PostgreSQL: a claim is a lease held by one worker, an
 * event waiting for a retry still holds its group, and a lease that runs out (a crashed worker)
 * makes the event claimable again.
 */
export class WebhookInbox {
  constructor(
    private readonly database: Database,
    private readonly dataSource: string,
  ) {}

  async append(event: LiveEvent, groupKey: string): Promise<AppendOutcome> {
    const { affectedRows } = await this.database.query(
      `INSERT INTO webhook_inbox (delivery_id, data_source, event, group_key, payload)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (delivery_id) DO NOTHING`,
      [
        event.deliveryId,
        this.dataSource,
        event.name,
        groupKey,
        JSON.stringify(storablePayload(event.payload)),
      ],
    );
    return { accepted: affectedRows > 0 };
  }

  /** Which of these delivery ids were received already (whatever became of them). */
  async received(deliveryIds: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.database.query<{ delivery_id: string }>(
      "SELECT delivery_id FROM webhook_inbox WHERE delivery_id = ANY($1::text[])",
      [deliveryIds],
    );
    return new Set(rows.map((row) => row.delivery_id));
  }

  /**
   * Leases the oldest claimable event whose group has nothing earlier unfinished and no other live
   * claim, for `leaseSeconds`; undefined when no event can start now.
   */
  async claimNext(workerId: string, leaseSeconds: number): Promise<InboxEntry | undefined> {
    const { rows } = await this.database.query<{
      sequence: string;
      delivery_id: string;
      event: string;
      group_key: string;
      payload: Record<string, unknown>;
      attempts: number;
    }>(
      `UPDATE webhook_inbox SET status = 'processing', attempts = attempts + 1, claimed_by = $2,
         lease_expires_at = clock_timestamp() + make_interval(secs => $3)
       WHERE sequence = (
         SELECT w.sequence FROM webhook_inbox w
         WHERE w.data_source = $1 AND (${claimable("w")})
           AND NOT EXISTS (
             SELECT 1 FROM webhook_inbox earlier
             WHERE earlier.data_source = w.data_source AND earlier.group_key = w.group_key
               AND earlier.sequence < w.sequence AND earlier.status IN ('queued', 'processing'))
           AND NOT EXISTS (
             SELECT 1 FROM webhook_inbox running
             WHERE running.data_source = w.data_source AND running.group_key = w.group_key
               AND running.sequence <> w.sequence AND running.status = 'processing'
               AND running.lease_expires_at >= clock_timestamp())
         ORDER BY w.sequence LIMIT 1
         FOR UPDATE SKIP LOCKED)
       AND (${claimable("webhook_inbox")})
       RETURNING sequence, delivery_id, event, group_key, payload, attempts`,
      [this.dataSource, workerId, leaseSeconds],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      sequence: Number(row.sequence),
      deliveryId: row.delivery_id,
      name: row.event,
      groupKey: row.group_key,
      payload: row.payload,
      attempts: row.attempts,
    };
  }

  /** Keeps a long event's claim alive; false when the claim was lost (the lease ran out and another took it). */
  async extendLease(sequence: number, workerId: string, leaseSeconds: number): Promise<boolean> {
    const { affectedRows } = await this.database.query(
      `UPDATE webhook_inbox SET lease_expires_at = clock_timestamp() + make_interval(secs => $3)
       WHERE sequence = $1 AND claimed_by = $2 AND status = 'processing'`,
      [sequence, workerId, leaseSeconds],
    );
    return affectedRows > 0;
  }

  /** Marks the event applied; false when this worker no longer held it. */
  async complete(sequence: number, workerId: string): Promise<boolean> {
    const { affectedRows } = await this.database.query(
      `UPDATE webhook_inbox SET status = 'done', error = NULL, lease_expires_at = NULL, finished_at = clock_timestamp()
       WHERE sequence = $1 AND claimed_by = $2 AND status = 'processing'`,
      [sequence, workerId],
    );
    return affectedRows > 0;
  }

  /**
   * Records a failed attempt: the event goes back to the queue after `retryAfterSeconds` (keeping
   * its group waiting, so order holds), or is finished as failed when no retry is left.
   */
  async fail(
    sequence: number,
    workerId: string,
    error: string,
    retryAfterSeconds: number | undefined,
  ): Promise<boolean> {
    const { affectedRows } =
      retryAfterSeconds === undefined
        ? await this.database.query(
            `UPDATE webhook_inbox SET status = 'failed', error = $3, lease_expires_at = NULL, finished_at = clock_timestamp()
             WHERE sequence = $1 AND claimed_by = $2 AND status = 'processing'`,
            [sequence, workerId, error],
          )
        : await this.database.query(
            `UPDATE webhook_inbox SET status = 'queued', error = $3, lease_expires_at = NULL,
               available_at = clock_timestamp() + make_interval(secs => $4)
             WHERE sequence = $1 AND claimed_by = $2 AND status = 'processing'`,
            [sequence, workerId, error, retryAfterSeconds],
          );
    return affectedRows > 0;
  }

  /**
   * After a restart of the embedded store's only process, its unfinished claims go back to the queue
   * at once instead of waiting for their leases (with PostgreSQL, other replicas may hold claims, so
   * only expired leases are taken over, in `claimNext`).
   */
  async releaseClaimsAfterRestart(): Promise<number> {
    if (this.database.kind !== "pglite") return 0;
    const { affectedRows } = await this.database.query(
      "UPDATE webhook_inbox SET status = 'queued', lease_expires_at = NULL WHERE data_source = $1 AND status = 'processing'",
      [this.dataSource],
    );
    return affectedRows;
  }

  /** The newest deliveries with their outcome, for the portal's live view. */
  async recent(limit: number): Promise<RecentDelivery[]> {
    const { rows } = await this.database.query<{
      delivery_id: string;
      event: string;
      action: string | null;
      group_key: string;
      status: string;
      attempts: number;
      error: string | null;
      received_at: Date;
      finished_at: Date | null;
    }>(
      `SELECT delivery_id, event, payload->>'action' AS action, group_key, status, attempts, error, received_at, finished_at
       FROM webhook_inbox WHERE data_source = $1 ORDER BY sequence DESC LIMIT $2`,
      [this.dataSource, limit],
    );
    return rows.map((row) => ({
      deliveryId: row.delivery_id,
      event: row.event,
      action: row.action,
      groupKey: row.group_key,
      status: row.status,
      attempts: row.attempts,
      error: row.error,
      receivedAt: row.received_at.toISOString(),
      finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
    }));
  }

  async counts(): Promise<Record<string, number>> {
    const { rows } = await this.database.query<{ status: string; total: number }>(
      "SELECT status, count(*)::int AS total FROM webhook_inbox WHERE data_source = $1 GROUP BY status",
      [this.dataSource],
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.total]));
  }
}
