import type { RawObject } from "../../engine/integration/integration.js";
import type { Database } from "../../engine/store/database.js";
import { RawExamples } from "../../engine/sync/raw-examples.js";

/** An integration as Port's API shows it to Ocean. */
export interface PortIntegration {
  identifier: string;
  installationAppType: string | null;
  version: string | null;
  config: Record<string, unknown>;
  resyncState: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

export interface IntegrationChanges {
  installationAppType?: string | undefined;
  version?: string | undefined;
  config?: Record<string, unknown> | undefined;
  resyncState?: Record<string, unknown> | undefined;
}

interface IntegrationRow extends Record<string, unknown> {
  identifier: string;
  installation_app_type: string | null;
  version: string | null;
  config: Record<string, unknown>;
  resync_state: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Integrations that registered through Portolan's Port API (an Ocean installation pointed at
 * Portolan): their config (the mapping) and resync state. Raw data examples they send go to the
 * same store the portal's mapping test reads.
 */
export class PortIntegrationStore {
  constructor(private readonly database: Database) {}

  async get(identifier: string): Promise<PortIntegration | undefined> {
    const { rows } = await this.database.query<IntegrationRow>(
      "SELECT * FROM port_integrations WHERE identifier = $1",
      [identifier],
    );
    return rows[0] && toIntegration(rows[0]);
  }

  /** Creates it; undefined when the identifier is taken. */
  async create(identifier: string, changes: IntegrationChanges): Promise<PortIntegration | undefined> {
    const { rows } = await this.database.query<IntegrationRow>(
      `INSERT INTO port_integrations (identifier, installation_app_type, version, config)
       VALUES ($1, $2, $3, $4) ON CONFLICT (identifier) DO NOTHING RETURNING *`,
      [
        identifier,
        changes.installationAppType ?? null,
        changes.version ?? null,
        JSON.stringify(changes.config ?? {}),
      ],
    );
    return rows[0] && toIntegration(rows[0]);
  }

  /** Changes the given fields; undefined when there is no such integration. */
  async update(identifier: string, changes: IntegrationChanges): Promise<PortIntegration | undefined> {
    const { rows } = await this.database.query<IntegrationRow>(
      `UPDATE port_integrations SET
         installation_app_type = coalesce($2, installation_app_type),
         version = coalesce($3, version),
         config = coalesce($4::jsonb, config),
         resync_state = coalesce($5::jsonb, resync_state),
         updated_at = clock_timestamp()
       WHERE identifier = $1 RETURNING *`,
      [
        identifier,
        changes.installationAppType ?? null,
        changes.version ?? null,
        changes.config === undefined ? null : JSON.stringify(changes.config),
        changes.resyncState === undefined ? null : JSON.stringify(changes.resyncState),
      ],
    );
    return rows[0] && toIntegration(rows[0]);
  }

  recordExamples(identifier: string, kind: string, examples: readonly RawObject[]): Promise<void> {
    return new RawExamples(this.database, identifier).record(kind, examples);
  }
}

function toIntegration(row: IntegrationRow): PortIntegration {
  return {
    identifier: row.identifier,
    installationAppType: row.installation_app_type,
    version: row.version,
    config: row.config,
    resyncState: row.resync_state,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
