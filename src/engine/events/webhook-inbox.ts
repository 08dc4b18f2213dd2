import type { LiveEvent } from "../integration/integration.js";
import type { Database } from "../store/database.js";
import { GroupCommit } from "./group-commit.js";
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

/** A delivery waiting in the group commit for its row. */
interface ReceivedDelivery {
  deliveryId: string;
  event: string;
  groupKey: string;
  /** The payload as JSON text, already made storable. */
  payload: string;
}

/** A burst of deliveries is stored in statements of at most this many rows… */
const MAX_APPEND_ROWS = 256;
/** …and this much payload text (a single larger payload goes alone). */
const MAX_APPEND_BYTES = 8 * 1024 * 1024;

/**
 * Unfinished events, in the exact words of the partial indexes of migration 8 so the planner uses
 * them: a claim then costs as much as the queue is long, not as the inbox's history.
 */
function unfinished(table: string): string {
  return `${table}.status IN ('queued', 'processing')`;
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
  private readonly appends = new GroupCommit<ReceivedDelivery, AppendOutcome>({
    write: (deliveries) => this.insert(deliveries),
    maxItems: MAX_APPEND_ROWS,
    maxBytes: MAX_APPEND_BYTES,
    sizeOf: (delivery) => delivery.payload.length,
  });

  constructor(
    private readonly database: Database,
    private readonly dataSource: string,
  ) {}

  /**
   * Stores the delivery; resolves once its row is durable. Concurrent appends share one INSERT
   * (group commit), each still told whether its delivery id was new.
   */
  append(event: LiveEvent, groupKey: string): Promise<AppendOutcome> {
    return this.appends.submit({
      deliveryId: event.deliveryId,
      event: event.name,
      groupKey,
      payload: JSON.stringify(storablePayload(event.payload)),
    });
  }

  /** Whether a delivery arrived in the last `milliseconds` (in this process). */
  receivedWithin(milliseconds: number): boolean {
    return this.appends.submittedWithin(milliseconds);
  }

  private async insert(deliveries: readonly ReceivedDelivery[]): Promise<AppendOutcome[]> {
    const { rows } = await this.database.priority.query<{ delivery_id: string }>(
      `INSERT INTO webhook_inbox (delivery_id, data_source, event, group_key, payload)
       SELECT delivery_id, $1::text, event, group_key, payload::jsonb
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
         AS received (delivery_id, event, group_key, payload, arrival)
       ORDER BY arrival
       ON CONFLICT (delivery_id) DO NOTHING
       RETURNING delivery_id`,
      [
        this.dataSource,
        deliveries.map((delivery) => delivery.deliveryId),
        deliveries.map((delivery) => delivery.event),
        deliveries.map((delivery) => delivery.groupKey),
        deliveries.map((delivery) => delivery.payload),
      ],
    );
    const stored = new Set(rows.map((row) => row.delivery_id));
    // An id twice in one batch is stored once, in arrival order: the first is accepted, the later
    // one is the redelivery.
    return deliveries.map((delivery) => ({ accepted: stored.delete(delivery.deliveryId) }));
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
   * Leases the oldest claimable event that heads its group (nothing earlier unfinished) and whose
   * group has no other live claim, for `leaseSeconds`; undefined when no event can start now.
   */
  async claimNext(workerId: string, leaseSeconds: number): Promise<InboxEntry | undefined> {
    // The embedded store runs one statement at a time: deliveries waiting for their 202 go first.
    if (this.database.kind === "pglite") await this.appends.settled();
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
         WHERE w.data_source = $1 AND ${unfinished("w")} AND (${claimable("w")})
           AND w.sequence = (
             SELECT min(head.sequence) FROM webhook_inbox head
             WHERE head.data_source = w.data_source AND head.group_key = w.group_key AND ${unfinished("head")})
           AND NOT EXISTS (
             SELECT 1 FROM webhook_inbox running
             WHERE running.data_source = w.data_source AND running.group_key = w.group_key
               AND ${unfinished("running")} AND running.sequence <> w.sequence
               AND running.status = 'processing' AND running.lease_expires_at >= clock_timestamp())
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

  /** Whether any event is queued or in progress. */
  async hasUnfinished(): Promise<boolean> {
    const { rows } = await this.database.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM webhook_inbox w WHERE w.data_source = $1 AND ${unfinished("w")}) AS found`,
      [this.dataSource],
    );
    return rows[0]?.found === true;
  }

  /**
   * Deletes finished events received more than `olderThanSeconds` ago; their delivery ids are then
   * no longer recognised as redeliveries. Returns how many went.
   */
  async forgetFinished(olderThanSeconds: number): Promise<number> {
    const { affectedRows } = await this.database.query(
      `DELETE FROM webhook_inbox WHERE data_source = $1 AND status IN ('done', 'failed')
         AND received_at < clock_timestamp() - make_interval(secs => $2)`,
      [this.dataSource, olderThanSeconds],
    );
    return affectedRows;
  }

  async counts(): Promise<Record<string, number>> {
    const { rows } = await this.database.query<{ status: string; total: number }>(
      "SELECT status, count(*)::int AS total FROM webhook_inbox WHERE data_source = $1 GROUP BY status",
      [this.dataSource],
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.total]));
  }
}
