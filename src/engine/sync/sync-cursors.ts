/**
 * Incremental sync cursors (spec §6): per data source, kind and resource index, the start of the last
 * successful incremental run of that resource — where the next one starts looking.
 */
import type { Database } from "../store/database.js";

export class SyncCursors {
  constructor(
    private readonly database: Database,
    private readonly dataSource: string,
  ) {}

  async get(kind: string, resourceIndex: number): Promise<Date | undefined> {
    const { rows } = await this.database.query<{ cursor: Date | string }>(
      "SELECT cursor FROM sync_cursors WHERE data_source = $1 AND kind = $2 AND resource_index = $3",
      [this.dataSource, kind, resourceIndex],
    );
    return rows[0] ? new Date(rows[0].cursor) : undefined;
  }

  async set(kind: string, resourceIndex: number, cursor: Date): Promise<void> {
    await this.database.query(
      `INSERT INTO sync_cursors (data_source, kind, resource_index, cursor) VALUES ($1, $2, $3, $4)
       ON CONFLICT (data_source, kind, resource_index) DO UPDATE SET cursor = $4`,
      [this.dataSource, kind, resourceIndex, cursor.toISOString()],
    );
  }
}
