import type { Queryable } from "../store/database.js";

/** How many saved mappings are kept per data source; older ones are dropped on save. */
export const MAPPING_VERSIONS_KEPT = 20;

export interface MappingVersion {
  version: number;
  text: string;
  savedBy: string;
  savedAt: string;
}

interface MappingVersionRow extends Record<string, unknown> {
  version: number;
  text: string;
  saved_by: string;
  saved_at: Date;
}

/**
 * The mappings saved from the portal or API, per data source, newest first: the newest is the one
 * in use; the others are there so a bad save can be reverted.
 */
export class MappingVersions {
  constructor(private readonly database: Queryable) {}

  /** Stores `text` as the data source's next version and drops versions beyond the bound. */
  async save(dataSource: string, text: string, savedBy: string): Promise<MappingVersion> {
    const { rows } = await this.database.query<MappingVersionRow>(
      `INSERT INTO mapping_versions (data_source, version, text, saved_by)
       SELECT $1, COALESCE(max(version), 0) + 1, $2, $3 FROM mapping_versions WHERE data_source = $1
       RETURNING version, text, saved_by, saved_at`,
      [dataSource, text, savedBy],
    );
    await this.database.query("DELETE FROM mapping_versions WHERE data_source = $1 AND version <= $2", [
      dataSource,
      (rows[0]?.version ?? 0) - MAPPING_VERSIONS_KEPT,
    ]);
    return toVersion(rows[0] as MappingVersionRow);
  }

  /** The kept versions, newest first. */
  async list(dataSource: string): Promise<MappingVersion[]> {
    const { rows } = await this.database.query<MappingVersionRow>(
      "SELECT version, text, saved_by, saved_at FROM mapping_versions WHERE data_source = $1 ORDER BY version DESC",
      [dataSource],
    );
    return rows.map(toVersion);
  }

  async get(dataSource: string, version: number): Promise<MappingVersion | undefined> {
    const { rows } = await this.database.query<MappingVersionRow>(
      "SELECT version, text, saved_by, saved_at FROM mapping_versions WHERE data_source = $1 AND version = $2",
      [dataSource, version],
    );
    return rows[0] ? toVersion(rows[0]) : undefined;
  }

  /** Forgets every version of a deleted data source. */
  async removeAll(dataSource: string): Promise<void> {
    await this.database.query("DELETE FROM mapping_versions WHERE data_source = $1", [dataSource]);
  }

  /** The version in use, if one was ever saved. */
  async latest(dataSource: string): Promise<MappingVersion | undefined> {
    const { rows } = await this.database.query<MappingVersionRow>(
      "SELECT version, text, saved_by, saved_at FROM mapping_versions WHERE data_source = $1 ORDER BY version DESC LIMIT 1",
      [dataSource],
    );
    return rows[0] ? toVersion(rows[0]) : undefined;
  }
}

function toVersion(row: MappingVersionRow): MappingVersion {
  return { version: row.version, text: row.text, savedBy: row.saved_by, savedAt: row.saved_at.toISOString() };
}
