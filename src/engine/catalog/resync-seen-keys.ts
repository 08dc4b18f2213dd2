import type { Queryable } from "../store/database.js";
import type { EntityKey } from "./entity.js";

const KEY_SET = "jsonb_to_recordset($1::jsonb) AS k(blueprint text, identifier text)";

/**
 * The keys a running resync has seen, kept in the store rather than in memory (memory stays flat
 * in the size of an organization); its stale deletion compares against them, then they are forgotten.
 */
export class ResyncSeenKeys {
  constructor(private readonly database: Queryable) {}

  /** `queryable` lets a catalog record them inside the transaction that writes the entities. */
  async record(
    resyncId: string,
    keys: readonly EntityKey[],
    queryable: Queryable = this.database,
  ): Promise<void> {
    if (keys.length === 0) return;
    await queryable.query(
      `INSERT INTO resync_seen (resync_id, blueprint, identifier)
       SELECT $2, k.blueprint, k.identifier FROM ${KEY_SET} ON CONFLICT DO NOTHING`,
      [JSON.stringify(keys.map(({ blueprint, identifier }) => ({ blueprint, identifier }))), resyncId],
    );
  }

  /** Those of `keys` the resync has not seen, in key order. */
  async unseen(resyncId: string, keys: readonly EntityKey[]): Promise<EntityKey[]> {
    if (keys.length === 0) return [];
    const { rows } = await this.database.query<{ blueprint: string; identifier: string }>(
      `SELECT k.blueprint, k.identifier FROM ${KEY_SET}
       WHERE NOT EXISTS (SELECT 1 FROM resync_seen s
         WHERE s.resync_id = $2 AND s.blueprint = k.blueprint AND s.identifier = k.identifier)
       ORDER BY k.blueprint, k.identifier`,
      [JSON.stringify(keys.map(({ blueprint, identifier }) => ({ blueprint, identifier }))), resyncId],
    );
    return rows.map(({ blueprint, identifier }) => ({ blueprint, identifier }));
  }

  async forget(resyncId: string): Promise<void> {
    await this.database.query("DELETE FROM resync_seen WHERE resync_id = $1", [resyncId]);
  }
}
