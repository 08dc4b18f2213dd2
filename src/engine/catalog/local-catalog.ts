import type { Database } from "../store/database.js";
import type { Blueprint } from "./blueprint.js";
import type { BlueprintSummary, Catalog, EntityUpsertResult, WriteContext } from "./catalog.js";
import type { Entity, EntityKey, StoredEntity } from "./entity.js";
import { validateEntity } from "./validate-entity.js";

interface EntityRow extends Record<string, unknown> {
  blueprint: string;
  identifier: string;
  title: string | null;
  icon: string | null;
  team: unknown;
  properties: Record<string, unknown>;
  relations: Record<string, unknown>;
  data_source: string;
  created_at: Date;
  updated_at: Date;
}

/** The embedded catalog: entities live in Portolan's own store (PGlite or PostgreSQL). */
export class LocalCatalog implements Catalog {
  private readonly blueprintCache = new Map<string, Blueprint>();

  constructor(private readonly database: Database) {}

  async ensureBlueprints(blueprints: readonly Blueprint[]): Promise<string[]> {
    const created: string[] = [];
    for (const blueprint of blueprints) {
      const { affectedRows } = await this.database.query(
        "INSERT INTO blueprints (identifier, definition) VALUES ($1, $2) ON CONFLICT (identifier) DO NOTHING",
        [blueprint.identifier, JSON.stringify(blueprint)],
      );
      if (affectedRows > 0) created.push(blueprint.identifier);
    }
    this.blueprintCache.clear();
    return created;
  }

  async listBlueprints(): Promise<BlueprintSummary[]> {
    const { rows } = await this.database.query<{ definition: Blueprint; entity_count: number }>(
      `SELECT b.definition, (SELECT count(*)::int FROM entities e WHERE e.blueprint = b.identifier) AS entity_count
       FROM blueprints b ORDER BY b.created_at, b.identifier`,
    );
    return rows.map((row) => ({ ...row.definition, entityCount: row.entity_count }));
  }

  async upsertEntities(entities: readonly Entity[], context: WriteContext): Promise<EntityUpsertResult[]> {
    const results: EntityUpsertResult[] = [];
    for (const entity of entities) {
      const key = { blueprint: entity.blueprint, identifier: entity.identifier };
      const blueprint = await this.blueprint(entity.blueprint);
      const problem = validateEntity(entity, blueprint);
      if (problem) {
        results.push({ key, outcome: "failed", error: problem });
        continue;
      }
      // An identical row keeps its updated_at, so "last written" means last changed; `xmax = 0`
      // tells an insert from an update, and only a changed row has updated_at >= statement start.
      const { rows } = await this.database.query<{ inserted: boolean; changed: boolean }>(
        `INSERT INTO entities (blueprint, identifier, title, icon, team, properties, relations, data_source, last_seen_resync)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (blueprint, identifier) DO UPDATE SET
           title = EXCLUDED.title, icon = EXCLUDED.icon, team = EXCLUDED.team,
           properties = EXCLUDED.properties, relations = EXCLUDED.relations, data_source = EXCLUDED.data_source,
           last_seen_resync = COALESCE(EXCLUDED.last_seen_resync, entities.last_seen_resync),
           updated_at = CASE
             WHEN (entities.title, entities.icon, entities.team, entities.properties, entities.relations, entities.data_source)
               IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.icon, EXCLUDED.team, EXCLUDED.properties, EXCLUDED.relations, EXCLUDED.data_source)
             THEN clock_timestamp() ELSE entities.updated_at END
         RETURNING (xmax = 0) AS inserted, updated_at >= statement_timestamp() AS changed`,
        [
          entity.blueprint,
          entity.identifier,
          entity.title ?? null,
          entity.icon ?? null,
          entity.team === undefined ? null : JSON.stringify(entity.team),
          JSON.stringify(entity.properties),
          JSON.stringify(entity.relations),
          context.dataSource,
          context.resyncId ?? null,
        ],
      );
      const row = rows[0];
      results.push({ key, outcome: row?.inserted ? "created" : row?.changed ? "updated" : "unchanged" });
    }
    return results;
  }

  async deleteEntities(keys: readonly EntityKey[], dataSource: string): Promise<EntityKey[]> {
    const deleted: EntityKey[] = [];
    for (const key of keys) {
      const { affectedRows } = await this.database.query(
        "DELETE FROM entities WHERE blueprint = $1 AND identifier = $2 AND data_source = $3",
        [key.blueprint, key.identifier, dataSource],
      );
      if (affectedRows > 0) deleted.push(key);
    }
    return deleted;
  }

  async listEntities(
    blueprint: string,
    page: { limit: number; offset: number },
  ): Promise<{ entities: StoredEntity[]; total: number }> {
    const { rows } = await this.database.query<EntityRow>(
      "SELECT * FROM entities WHERE blueprint = $1 ORDER BY identifier LIMIT $2 OFFSET $3",
      [blueprint, page.limit, page.offset],
    );
    const count = await this.database.query<{ total: number }>(
      "SELECT count(*)::int AS total FROM entities WHERE blueprint = $1",
      [blueprint],
    );
    return { entities: rows.map(toStoredEntity), total: count.rows[0]?.total ?? 0 };
  }

  async staleKeys(dataSource: string, resyncId: string, startedAt: Date): Promise<EntityKey[]> {
    const { rows } = await this.database.query<{ blueprint: string; identifier: string }>(
      `SELECT blueprint, identifier FROM entities
       WHERE data_source = $1 AND updated_at < $3 AND last_seen_resync IS DISTINCT FROM $2
       ORDER BY blueprint, identifier`,
      [dataSource, resyncId, startedAt],
    );
    return rows.map((row) => ({ blueprint: row.blueprint, identifier: row.identifier }));
  }

  async countEntities(dataSource: string): Promise<number> {
    const { rows } = await this.database.query<{ total: number }>(
      "SELECT count(*)::int AS total FROM entities WHERE data_source = $1",
      [dataSource],
    );
    return rows[0]?.total ?? 0;
  }

  private async blueprint(identifier: string): Promise<Blueprint | undefined> {
    const cached = this.blueprintCache.get(identifier);
    if (cached) return cached;
    const { rows } = await this.database.query<{ definition: Blueprint }>(
      "SELECT definition FROM blueprints WHERE identifier = $1",
      [identifier],
    );
    const blueprint = rows[0]?.definition;
    if (blueprint) this.blueprintCache.set(identifier, blueprint);
    return blueprint;
  }
}

function toStoredEntity(row: EntityRow): StoredEntity {
  return {
    identifier: row.identifier,
    blueprint: row.blueprint,
    title: row.title,
    icon: row.icon,
    ...(row.team === null ? {} : { team: row.team }),
    properties: row.properties,
    relations: row.relations,
    dataSource: row.data_source,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
