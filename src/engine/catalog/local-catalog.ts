import type { Database, Queryable, SqlParameter } from "../store/database.js";
import type { Blueprint } from "./blueprint.js";
import { canonicalJson } from "./canonical-json.js";
import type {
  BlueprintSummary,
  Catalog,
  DeleteOptions,
  DeleteResult,
  EntityUpsertResult,
  WriteContext,
} from "./catalog.js";
import type { CatalogBrowser, EntityFilter, IncomingRelationGroup } from "./catalog-browser.js";
import { dropUnknownProperties } from "./drop-unknown-properties.js";
import { type Entity, type EntityKey, entityKeyString, type StoredEntity } from "./entity.js";
import { compileSearch, type EntitySearch } from "./entity-search.js";
import { ResyncSeenKeys } from "./resync-seen-keys.js";
import { relationTargets, validateEntity } from "./validate-entity.js";

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

/** The columns an upsert writes, as one row of `jsonb_to_recordset`. */
interface EntityContent {
  blueprint: string;
  identifier: string;
  title: string | null;
  icon: string | null;
  team: unknown;
  properties: Record<string, unknown>;
  relations: Record<string, unknown>;
}

const KEY_SET = "jsonb_to_recordset($1::jsonb) AS k(blueprint text, identifier text)";

/**
 * The embedded catalog: entities live in Portolan's own store (PGlite or PostgreSQL). A batch
 * costs a fixed number of statements whatever its size: one read of the stored rows, one write of
 * the new or changed ones, one for stub targets and one for the keys a resync saw.
 */
export class LocalCatalog implements Catalog, CatalogBrowser {
  private blueprintCache: Map<string, Blueprint> | undefined;
  private readonly seenKeys: ResyncSeenKeys;

  constructor(private readonly database: Database) {
    this.seenKeys = new ResyncSeenKeys(database);
  }

  async ensureBlueprints(blueprints: readonly Blueprint[]): Promise<string[]> {
    const created: string[] = [];
    for (const blueprint of blueprints) {
      const { affectedRows } = await this.database.query(
        "INSERT INTO blueprints (identifier, definition) VALUES ($1, $2) ON CONFLICT (identifier) DO NOTHING",
        [blueprint.identifier, JSON.stringify(blueprint)],
      );
      if (affectedRows > 0) created.push(blueprint.identifier);
    }
    this.blueprintCache = undefined;
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
    if (entities.length === 0) return [];
    // Read before the transaction: PGlite has one connection, which the transaction holds.
    const blueprints = await this.blueprints();
    return this.database.transaction((tx) => this.applyBatch(tx, blueprints, entities, context, true));
  }

  async compareEntities(
    entities: readonly Entity[],
    context: WriteContext,
    pendingBlueprints: readonly Blueprint[] = [],
  ): Promise<EntityUpsertResult[]> {
    const blueprints = new Map(await this.blueprints());
    for (const blueprint of pendingBlueprints) {
      if (!blueprints.has(blueprint.identifier)) blueprints.set(blueprint.identifier, blueprint);
    }
    return this.applyBatch(this.database, blueprints, entities, context, false);
  }

  async deleteEntities(
    keys: readonly EntityKey[],
    dataSource: string,
    options: DeleteOptions = {},
  ): Promise<DeleteResult> {
    if (keys.length === 0) return { deleted: [], refused: [] };
    const blueprints = await this.blueprints();
    return this.database.transaction(async (tx) => {
      const { rows: owned } = await tx.query<{ blueprint: string; identifier: string }>(
        `SELECT e.blueprint, e.identifier FROM entities e JOIN ${KEY_SET}
           ON e.blueprint = k.blueprint AND e.identifier = k.identifier
         WHERE e.data_source = $2`,
        [JSON.stringify(keys.map(plainKey)), dataSource],
      );
      const roots = new Map(owned.map((row) => [entityKeyString(row), plainKey(row)]));
      const dependents = await findDependents(tx, blueprints, [...roots.values()]);
      const refused: DeleteResult["refused"] = [];
      if (!options.deleteDependents) {
        // A root stays when something that is not being deleted requires it; keeping it can in
        // turn make its own required targets stay, hence the loop.
        let changed = true;
        while (changed) {
          changed = false;
          for (const dependent of dependents) {
            const target = roots.get(entityKeyString(dependent.dependentOf));
            if (!target || roots.has(entityKeyString(dependent))) continue;
            roots.delete(entityKeyString(target));
            refused.push({
              key: target,
              error: {
                code: "ENTITY_HAS_DEPENDENTS",
                message: `"${dependent.identifier}" (${dependent.blueprint}) requires it through relation "${dependent.relation}"; set deleteDependentEntities: true to delete dependents too`,
              },
            });
            changed = true;
          }
        }
      }
      const doomed = new Map<string, EntityKey & { dependentOf?: EntityKey }>(roots);
      if (options.deleteDependents) {
        for (const { relation: _relation, ...dependent } of dependents) {
          const id = entityKeyString(dependent);
          if (!doomed.has(id)) doomed.set(id, dependent);
        }
      }
      if (doomed.size === 0) return { deleted: [], refused };
      await tx.query(
        `DELETE FROM entities e USING ${KEY_SET} WHERE e.blueprint = k.blueprint AND e.identifier = k.identifier`,
        [JSON.stringify([...doomed.values()].map(plainKey))],
      );
      return { deleted: [...doomed.values()], refused };
    });
  }

  async listEntities(
    blueprint: string,
    page: { limit: number; offset: number },
    filter: EntityFilter = {},
  ): Promise<{ entities: StoredEntity[]; total: number }> {
    const { where, parameters } = entityConditions(blueprint, filter);
    const next = parameters.length + 1;
    const { rows } = await this.database.query<EntityRow>(
      `SELECT * FROM entities WHERE ${where} ORDER BY identifier LIMIT $${next} OFFSET $${next + 1}`,
      [...parameters, page.limit, page.offset],
    );
    const count = await this.database.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM entities WHERE ${where}`,
      parameters,
    );
    return { entities: rows.map(toStoredEntity), total: count.rows[0]?.total ?? 0 };
  }

  /**
   * Entities matching Port's search query, in key order; `after` continues from the last key of
   * the previous page.
   */
  async searchEntities(
    query: EntitySearch,
    page: { limit: number; after?: EntityKey },
  ): Promise<StoredEntity[]> {
    const parameters: unknown[] = [];
    const condition = compileSearch(query, parameters);
    const after = page.after
      ? ` AND (e.blueprint, e.identifier) > ($${parameters.push(page.after.blueprint)}, $${parameters.push(page.after.identifier)})`
      : "";
    const { rows } = await this.database.query<EntityRow>(
      `SELECT e.* FROM entities e WHERE ${condition}${after}
       ORDER BY e.blueprint, e.identifier LIMIT $${parameters.push(page.limit)}`,
      parameters as SqlParameter[],
    );
    return rows.map(toStoredEntity);
  }

  /** Port's `PATCH /blueprints/{id}`: the given top-level keys replace the stored ones. */
  async patchBlueprint(identifier: string, patch: Partial<Blueprint>): Promise<Blueprint | undefined> {
    const { rows } = await this.database.query<{ definition: Blueprint }>(
      "SELECT definition FROM blueprints WHERE identifier = $1",
      [identifier],
    );
    const stored = rows[0]?.definition;
    if (!stored) return undefined;
    const patched: Blueprint = { ...stored, ...patch, identifier };
    await this.database.query(
      "UPDATE blueprints SET definition = $2, updated_at = clock_timestamp() WHERE identifier = $1",
      [identifier, JSON.stringify(patched)],
    );
    this.blueprintCache = undefined;
    return patched;
  }

  async getEntity(key: EntityKey): Promise<StoredEntity | undefined> {
    const { rows } = await this.database.query<EntityRow>(
      "SELECT * FROM entities WHERE blueprint = $1 AND identifier = $2",
      [key.blueprint, key.identifier],
    );
    return rows[0] ? toStoredEntity(rows[0]) : undefined;
  }

  async incomingRelations(key: EntityKey, limit: number): Promise<IncomingRelationGroup[]> {
    const groups: IncomingRelationGroup[] = [];
    for (const blueprint of (await this.blueprints()).values()) {
      for (const [relation, definition] of Object.entries(blueprint.relations ?? {})) {
        if (definition.target !== key.blueprint) continue;
        // `?` matches a single relation's string and a many relation's array elements alike.
        const { rows } = await this.database.query<{
          identifier: string;
          title: string | null;
          total: number;
        }>(
          `SELECT identifier, title, count(*) OVER ()::int AS total FROM entities
           WHERE blueprint = $1 AND relations -> $2 ? $3 ORDER BY identifier LIMIT $4`,
          [blueprint.identifier, relation, key.identifier, limit],
        );
        if (rows.length === 0) continue;
        groups.push({
          blueprint: blueprint.identifier,
          relation,
          entities: rows.map((row) => ({
            blueprint: blueprint.identifier,
            identifier: row.identifier,
            title: row.title,
          })),
          total: rows[0]?.total ?? rows.length,
        });
      }
    }
    return groups.sort(
      (a, b) => a.blueprint.localeCompare(b.blueprint) || a.relation.localeCompare(b.relation),
    );
  }

  async entityDataSources(blueprint: string): Promise<string[]> {
    const { rows } = await this.database.query<{ data_source: string }>(
      "SELECT DISTINCT data_source FROM entities WHERE blueprint = $1 ORDER BY data_source",
      [blueprint],
    );
    return rows.map((row) => row.data_source);
  }

  async staleKeys(dataSource: string, resyncId: string, startedAt: Date): Promise<EntityKey[]> {
    const { rows } = await this.database.query<{ blueprint: string; identifier: string }>(
      `SELECT e.blueprint, e.identifier FROM entities e
       WHERE e.data_source = $1 AND e.updated_at < $3 AND NOT EXISTS (
         SELECT 1 FROM resync_seen s
         WHERE s.resync_id = $2 AND s.blueprint = e.blueprint AND s.identifier = e.identifier)
       ORDER BY e.blueprint, e.identifier`,
      [dataSource, resyncId, startedAt],
    );
    return rows.map(plainKey);
  }

  async endResync(resyncId: string): Promise<void> {
    await this.seenKeys.forget(resyncId);
  }

  async ownedKeys(dataSource: string): Promise<EntityKey[]> {
    const { rows } = await this.database.query<{ blueprint: string; identifier: string }>(
      "SELECT blueprint, identifier FROM entities WHERE data_source = $1 ORDER BY blueprint, identifier",
      [dataSource],
    );
    return rows.map(plainKey);
  }

  async countEntities(dataSource: string): Promise<number> {
    const { rows } = await this.database.query<{ total: number }>(
      "SELECT count(*)::int AS total FROM entities WHERE data_source = $1",
      [dataSource],
    );
    return rows[0]?.total ?? 0;
  }

  /**
   * Validates, reads the stored rows and decides each entity's outcome; with `write`, stores the
   * new and changed ones. Repeated keys in one batch are applied in order, in separate rounds.
   */
  private async applyBatch(
    queryable: Queryable,
    blueprints: ReadonlyMap<string, Blueprint>,
    entities: readonly Entity[],
    context: WriteContext,
    write: boolean,
  ): Promise<EntityUpsertResult[]> {
    const results: EntityUpsertResult[] = new Array(entities.length);
    const valid: Array<{ index: number; entity: Entity }> = [];
    const ignored = new Map<number, string[]>();
    entities.forEach((mapped, index) => {
      const { entity, ignoredProperties } = dropUnknownProperties(mapped, blueprints.get(mapped.blueprint));
      if (ignoredProperties.length > 0) ignored.set(index, ignoredProperties);
      const problem = validateEntity(entity, blueprints);
      if (problem) results[index] = { key: plainKey(entity), outcome: "failed", error: problem };
      else valid.push({ index, entity });
    });
    for (const round of uniqueRounds(valid)) {
      await this.applyRound(queryable, round, blueprints, context, write, results);
    }
    for (const [index, ignoredProperties] of ignored) {
      const result = results[index];
      if (result) result.ignoredProperties = ignoredProperties;
    }
    if (write && context.resyncId !== undefined) {
      // Every key the source returned counts as seen, refused ones too: a failed write must
      // never make the stored entity look stale.
      const seen = new Map(entities.map((entity) => [entityKeyString(entity), plainKey(entity)]));
      if (context.createMissingRelatedEntities) {
        // Ocean keeps a stale entity that a kept entity points at when stubs may be created.
        for (const { entity } of valid) {
          for (const target of entityRelationTargets(entity, blueprints))
            seen.set(entityKeyString(target), target);
        }
      }
      await this.seenKeys.record(context.resyncId, [...seen.values()], queryable);
    }
    return results;
  }

  private async applyRound(
    queryable: Queryable,
    round: ReadonlyArray<{ index: number; entity: Entity }>,
    blueprints: ReadonlyMap<string, Blueprint>,
    context: WriteContext,
    write: boolean,
    results: EntityUpsertResult[],
  ): Promise<void> {
    const batchKeys = new Set(round.map(({ entity }) => entityKeyString(entity)));
    const wanted = new Map<string, EntityKey>();
    for (const { entity } of round) {
      wanted.set(entityKeyString(entity), plainKey(entity));
      for (const target of entityRelationTargets(entity, blueprints))
        wanted.set(entityKeyString(target), target);
    }
    const { rows } = await queryable.query<EntityRow>(
      // One primary-key lookup per key (LATERAL with LIMIT is never turned into a join, which the
      // planner would make a scan of the whole table: a batch's cost would grow with the catalog).
      // Keys go in sorted and are locked in that order, the same in every writer, so batches do not
      // deadlock on them.
      `SELECT e.* FROM ${KEY_SET} CROSS JOIN LATERAL (
         SELECT * FROM entities s WHERE s.blueprint = k.blueprint AND s.identifier = k.identifier
         LIMIT 1${write ? " FOR UPDATE" : ""}) e`,
      [JSON.stringify([...wanted.values()].sort(compareKeys))],
    );
    const stored = new Map(rows.map((row) => [entityKeyString(row), row]));
    const stubs = new Map<string, EntityKey>();
    const changed: EntityContent[] = [];
    for (const { index, entity } of round) {
      const key = plainKey(entity);
      const missing = entityRelationTargets(entity, blueprints).filter(
        (target) => !stored.has(entityKeyString(target)) && !batchKeys.has(entityKeyString(target)),
      );
      if (missing.length > 0 && !context.createMissingRelatedEntities) {
        const first = missing[0] as EntityKey;
        results[index] = {
          key,
          outcome: "failed",
          error: {
            code: "ENTITY_RELATION_TARGET_MISSING",
            message: `related entity "${first.identifier}" (${first.blueprint}) does not exist; sync its kind first or set createMissingRelatedEntities: true`,
          },
        };
        continue;
      }
      for (const target of missing) stubs.set(entityKeyString(target), target);
      const existing = stored.get(entityKeyString(entity));
      const content = contentOf(entity, existing, context.merge === true);
      const outcome = !existing
        ? "created"
        : sameContent(content, existing) && existing.data_source === context.dataSource
          ? "unchanged"
          : "updated";
      results[index] = { key, outcome };
      if (outcome !== "unchanged") changed.push(content);
    }
    if (!write) return;
    if (stubs.size > 0) {
      await queryable.query(
        `INSERT INTO entities (blueprint, identifier, data_source)
         SELECT k.blueprint, k.identifier, $2 FROM ${KEY_SET} ON CONFLICT DO NOTHING`,
        [JSON.stringify([...stubs.values()]), context.dataSource],
      );
    }
    if (changed.length > 0) {
      await queryable.query(
        `INSERT INTO entities (blueprint, identifier, title, icon, team, properties, relations, data_source)
         SELECT c.blueprint, c.identifier, c.title, c.icon, c.team, c.properties, c.relations, $2
         FROM jsonb_to_recordset($1::jsonb) AS c(blueprint text, identifier text, title text, icon text,
           team jsonb, properties jsonb, relations jsonb)
         ON CONFLICT (blueprint, identifier) DO UPDATE SET
           title = EXCLUDED.title, icon = EXCLUDED.icon, team = EXCLUDED.team,
           properties = EXCLUDED.properties, relations = EXCLUDED.relations,
           data_source = EXCLUDED.data_source, updated_at = clock_timestamp()`,
        [JSON.stringify(changed), context.dataSource],
      );
    }
  }

  private async blueprints(): Promise<ReadonlyMap<string, Blueprint>> {
    if (!this.blueprintCache) {
      const { rows } = await this.database.query<{ definition: Blueprint }>(
        "SELECT definition FROM blueprints",
      );
      this.blueprintCache = new Map(rows.map((row) => [row.definition.identifier, row.definition]));
    }
    return this.blueprintCache;
  }
}

function compareKeys(a: EntityKey, b: EntityKey): number {
  if (a.blueprint !== b.blueprint) return a.blueprint < b.blueprint ? -1 : 1;
  return a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0;
}

function plainKey(key: EntityKey): EntityKey {
  return { blueprint: key.blueprint, identifier: key.identifier };
}

/** Splits a batch where a key repeats, so each round writes a key at most once, in batch order. */
function uniqueRounds<T extends { entity: Entity }>(items: readonly T[]): T[][] {
  const rounds: T[][] = [];
  let round: T[] = [];
  let keys = new Set<string>();
  for (const item of items) {
    const key = entityKeyString(item.entity);
    if (keys.has(key)) {
      rounds.push(round);
      round = [];
      keys = new Set();
    }
    keys.add(key);
    round.push(item);
  }
  if (round.length > 0) rounds.push(round);
  return rounds;
}

/** The entities a (validated) entity's relations point at. */
function entityRelationTargets(entity: Entity, blueprints: ReadonlyMap<string, Blueprint>): EntityKey[] {
  const relations = blueprints.get(entity.blueprint)?.relations ?? {};
  const targets: EntityKey[] = [];
  for (const [name, value] of Object.entries(entity.relations)) {
    const relation = relations[name];
    if (!relation) continue;
    for (const identifier of relationTargets(value)) targets.push({ blueprint: relation.target, identifier });
  }
  return targets;
}

/** What the row will hold: with `merge`, given properties and relations go over the stored ones. */
function contentOf(entity: Entity, existing: EntityRow | undefined, merge: boolean): EntityContent {
  return {
    blueprint: entity.blueprint,
    identifier: entity.identifier,
    title: entity.title ?? null,
    icon: entity.icon ?? null,
    team: entity.team ?? null,
    properties: merge && existing ? { ...existing.properties, ...entity.properties } : entity.properties,
    relations: merge && existing ? { ...existing.relations, ...entity.relations } : entity.relations,
  };
}

function sameContent(content: EntityContent, row: EntityRow): boolean {
  return (
    content.title === row.title &&
    content.icon === row.icon &&
    canonicalJson(content.team) === canonicalJson(row.team) &&
    canonicalJson(content.properties) === canonicalJson(row.properties) &&
    canonicalJson(content.relations) === canonicalJson(row.relations)
  );
}

interface Dependent extends EntityKey {
  dependentOf: EntityKey;
  relation: string;
}

/**
 * Entities whose required relation points at one of `keys`, and theirs in turn (Port's
 * dependents); one query per required relation per level.
 */
async function findDependents(
  queryable: Queryable,
  blueprints: ReadonlyMap<string, Blueprint>,
  keys: readonly EntityKey[],
): Promise<Dependent[]> {
  const requiredBy = new Map<string, Array<{ blueprint: string; relation: string }>>();
  for (const blueprint of blueprints.values()) {
    for (const [name, relation] of Object.entries(blueprint.relations ?? {})) {
      if (!relation.required) continue;
      const list = requiredBy.get(relation.target) ?? [];
      list.push({ blueprint: blueprint.identifier, relation: name });
      requiredBy.set(relation.target, list);
    }
  }
  const found: Dependent[] = [];
  const visited = new Set(keys.map(entityKeyString));
  let frontier = [...keys];
  while (frontier.length > 0) {
    const next: EntityKey[] = [];
    for (const [target, sources] of requiredBy) {
      const identifiers = frontier.filter((key) => key.blueprint === target).map((key) => key.identifier);
      if (identifiers.length === 0) continue;
      for (const source of sources) {
        // `?|` matches a string value and the elements of an array value alike.
        const { rows } = await queryable.query<{ identifier: string; target: string }>(
          `SELECT e.identifier, t.identifier AS target FROM entities e
           JOIN unnest($3::text[]) AS t(identifier) ON e.relations -> $2 ? t.identifier
           WHERE e.blueprint = $1`,
          [source.blueprint, source.relation, identifiers],
        );
        for (const row of rows) {
          const dependent = { blueprint: source.blueprint, identifier: row.identifier };
          found.push({
            ...dependent,
            dependentOf: { blueprint: target, identifier: row.target },
            relation: source.relation,
          });
          if (!visited.has(entityKeyString(dependent))) {
            visited.add(entityKeyString(dependent));
            next.push(dependent);
          }
        }
      }
    }
    frontier = next;
  }
  return found;
}

/** The WHERE clause and its parameters for a blueprint's entities narrowed by `filter`. */
function entityConditions(
  blueprint: string,
  filter: EntityFilter,
): { where: string; parameters: SqlParameter[] } {
  const parameters: SqlParameter[] = [blueprint];
  const conditions = ["blueprint = $1"];
  const parameter = (value: SqlParameter) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  if (filter.search) {
    const pattern = parameter(`%${filter.search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
    conditions.push(`(identifier ILIKE ${pattern} OR title ILIKE ${pattern})`);
  }
  if (filter.dataSource !== undefined) conditions.push(`data_source = ${parameter(filter.dataSource)}`);
  for (const [key, value] of Object.entries(filter.properties ?? {})) {
    const name = parameter(key);
    const text = parameter(value);
    conditions.push(`(properties ->> ${name} = ${text} OR properties -> ${name} ? ${text})`);
  }
  return { where: conditions.join(" AND "), parameters };
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
