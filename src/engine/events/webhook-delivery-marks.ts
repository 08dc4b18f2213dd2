import type { Database } from "../store/database.js";

/** The newest delivery attempt of a source webhook that was checked for misses. */
export interface WebhookDeliveryMark {
  attemptId: number;
  /** As the source wrote it, so no clock of ours is compared with the source's. */
  deliveredAt: string;
}

/** Per source webhook, how far its deliveries were checked for misses. */
export class WebhookDeliveryMarks {
  constructor(
    private readonly database: Database,
    private readonly dataSource: string,
  ) {}

  async read(hook: string): Promise<WebhookDeliveryMark | undefined> {
    const { rows } = await this.database.query<{ attempt_id: string; delivered_at: string }>(
      "SELECT attempt_id, delivered_at FROM webhook_delivery_marks WHERE data_source = $1 AND hook = $2",
      [this.dataSource, hook],
    );
    const row = rows[0];
    return row ? { attemptId: Number(row.attempt_id), deliveredAt: row.delivered_at } : undefined;
  }

  async write(hook: string, mark: WebhookDeliveryMark): Promise<void> {
    await this.database.query(
      `INSERT INTO webhook_delivery_marks (data_source, hook, attempt_id, delivered_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (data_source, hook) DO UPDATE
       SET attempt_id = EXCLUDED.attempt_id, delivered_at = EXCLUDED.delivered_at, updated_at = clock_timestamp()`,
      [this.dataSource, hook, mark.attemptId, mark.deliveredAt],
    );
  }
}
