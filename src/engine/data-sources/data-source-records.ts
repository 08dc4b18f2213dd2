import type { Database, Queryable } from "../store/database.js";
import type { DataSourceRecord, InstallationMethod } from "./data-source-input.js";

interface Row extends Record<string, unknown> {
  id: string;
  name: string;
  integration: string;
  installation_method: string;
  settings: Record<string, unknown>;
  resync_interval_minutes: number;
  send_raw_data_examples: boolean;
  mapping: string;
  created_at: Date | string;
  updated_at: Date | string;
}

function toRecord(row: Row): DataSourceRecord {
  return {
    id: row.id,
    name: row.name,
    integration: row.integration,
    installationMethod: row.installation_method as InstallationMethod,
    settings: row.settings,
    resyncIntervalMinutes: row.resync_interval_minutes,
    sendRawDataExamples: row.send_raw_data_examples,
    mapping: row.mapping,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The `data_sources` table. */
export class DataSourceRecords {
  constructor(private readonly database: Database) {}

  async list(): Promise<DataSourceRecord[]> {
    const { rows } = await this.database.query<Row>("SELECT * FROM data_sources ORDER BY created_at, id");
    return rows.map(toRecord);
  }

  async get(id: string): Promise<DataSourceRecord | undefined> {
    const { rows } = await this.database.query<Row>("SELECT * FROM data_sources WHERE id = $1", [id]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async save(
    record: Omit<DataSourceRecord, "createdAt" | "updatedAt">,
    tx: Queryable = this.database,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO data_sources (id, name, integration, installation_method, settings,
         resync_interval_minutes, send_raw_data_examples, mapping)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, integration = excluded.integration,
         installation_method = excluded.installation_method, settings = excluded.settings,
         resync_interval_minutes = excluded.resync_interval_minutes,
         send_raw_data_examples = excluded.send_raw_data_examples, mapping = excluded.mapping,
         updated_at = clock_timestamp()`,
      [
        record.id,
        record.name,
        record.integration,
        record.installationMethod,
        JSON.stringify(record.settings),
        record.resyncIntervalMinutes,
        record.sendRawDataExamples,
        record.mapping,
      ],
    );
  }

  /** The mapping alone, as the mapping editor saves it. */
  async saveMapping(id: string, mapping: string, tx: Queryable = this.database): Promise<void> {
    await tx.query("UPDATE data_sources SET mapping = $2, updated_at = clock_timestamp() WHERE id = $1", [
      id,
      mapping,
    ]);
  }

  async remove(id: string, tx: Queryable = this.database): Promise<void> {
    await tx.query("DELETE FROM data_sources WHERE id = $1", [id]);
  }
}
