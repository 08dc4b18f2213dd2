import type { LiveEvent } from "../integration/integration.js";
import type { Database } from "../store/database.js";

export interface InboxEntry extends LiveEvent {
  sequence: number;
  groupKey: string;
  attempts: number;
}

export interface AppendOutcome {
  /** False when this delivery id was already received (a redelivery): it is not processed twice. */
  accepted: boolean;
}

/**
 * The durable webhook inbox: a delivery is stored before the endpoint answers 202, and leaves the
 * queue only once applied. Events of one group are handed out one at a time, in arrival order.
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
      [event.deliveryId, this.dataSource, event.name, groupKey, JSON.stringify(event.payload)],
    );
    return { accepted: affectedRows > 0 };
  }

  /**
   * Takes the oldest queued event whose group has nothing earlier still queued or in progress,
   * and marks it in progress; undefined when no event can start now.
   */
  async claimNext(): Promise<InboxEntry | undefined> {
    const { rows } = await this.database.query<{
      sequence: string;
      delivery_id: string;
      event: string;
      group_key: string;
      payload: Record<string, unknown>;
      attempts: number;
    }>(
      `UPDATE webhook_inbox SET status = 'processing', attempts = attempts + 1
       WHERE sequence = (
         SELECT w.sequence FROM webhook_inbox w
         WHERE w.data_source = $1 AND w.status = 'queued'
           AND NOT EXISTS (
             SELECT 1 FROM webhook_inbox earlier
             WHERE earlier.data_source = w.data_source AND earlier.group_key = w.group_key
               AND earlier.sequence < w.sequence AND earlier.status IN ('queued', 'processing'))
           AND NOT EXISTS (
             SELECT 1 FROM webhook_inbox running
             WHERE running.data_source = w.data_source AND running.group_key = w.group_key
               AND running.status = 'processing')
         ORDER BY w.sequence LIMIT 1)
       AND status = 'queued'
       RETURNING sequence, delivery_id, event, group_key, payload, attempts`,
      [this.dataSource],
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

  async complete(sequence: number): Promise<void> {
    await this.database.query(
      "UPDATE webhook_inbox SET status = 'done', error = NULL, finished_at = clock_timestamp() WHERE sequence = $1",
      [sequence],
    );
  }

  async fail(sequence: number, error: string): Promise<void> {
    await this.database.query(
      "UPDATE webhook_inbox SET status = 'failed', error = $2, finished_at = clock_timestamp() WHERE sequence = $1",
      [sequence, error],
    );
  }

  /** After a crash, events that were in progress go back to the queue, in their original order. */
  async requeueInterrupted(): Promise<number> {
    const { affectedRows } = await this.database.query(
      "UPDATE webhook_inbox SET status = 'queued' WHERE data_source = $1 AND status = 'processing'",
      [this.dataSource],
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
