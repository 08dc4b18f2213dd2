import type { PortApiClient } from "../../port-api-client/port-api-client.js";
import { PortolanError } from "../errors/portolan-error.js";
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
import type { Entity, EntityKey, StoredEntity } from "./entity.js";
import type { EntitySearchRule } from "./entity-search.js";
import type { ResyncSeenKeys } from "./resync-seen-keys.js";
import { relationTargets } from "./validate-entity.js";

/** Ocean's defaults: 20 entities and 1 MiB per bulk upsert, 100 identifiers per bulk delete. */
const BULK_UPSERT_ENTITIES = 20;
const BULK_UPSERT_BYTES = 1024 * 1024;
const BULK_DELETE_IDENTIFIERS = 100;
/** Entities looked up per search, before writing or deleting (Ocean: 50). */
const COMPARE_CHUNK = 50;
/** Page size of the owned-entities listing (Ocean: 5000). */
const OWNED_PAGE = 5000;

interface PortEntity {
  identifier: string;
  blueprint: string;
  title?: string | null;
  team?: unknown;
  properties?: Record<string, unknown>;
  relations?: Record<string, unknown>;
}

interface BulkAnswer {
  entities?: Array<{ identifier: string; index: number; created: boolean }>;
  errors?: Array<{ identifier: string; index: number; error: string; message: string }>;
}

interface DeleteAnswer {
  deletedEntities?: string[];
  errors?: Array<{ identifier: string; error: string; message: string }>;
}

/**
 * The catalog target when Port itself holds the catalog (PORT_CLIENT_ID / PORT_CLIENT_SECRET):
 * every write goes through Port's API, owned by this integration through Ocean's User-Agent.
 * Before writing, a batch is compared with what Port has (one search per 50 entities), so an
 * unchanged entity is not rewritten. The keys a resync saw are kept in the local store until it ends.
 */
export class PortApiCatalog implements Catalog {
  private readonly blueprintCache = new Map<string, Blueprint | undefined>();

  /** `seenKeys` lives in the local store: Port has no place for the keys a resync saw. */
  constructor(
    private readonly client: PortApiClient,
    private readonly integrationType: string,
    private readonly seenKeys: ResyncSeenKeys,
  ) {}

  async ensureBlueprints(blueprints: readonly Blueprint[]): Promise<string[]> {
    const missing: Blueprint[] = [];
    for (const blueprint of blueprints) {
      if (!(await this.blueprint(blueprint.identifier))) missing.push(blueprint);
    }
    // As Ocean: create them without relations first, so a relation never targets a blueprint
    // that does not exist yet, then add the relations.
    for (const { relations: _relations, ...bare } of missing) {
      await this.client.request({ method: "POST", path: "/blueprints", body: bare });
    }
    for (const blueprint of missing) {
      if (blueprint.relations && Object.keys(blueprint.relations).length > 0) {
        await this.client.request({
          method: "PATCH",
          path: `/blueprints/${encodeURIComponent(blueprint.identifier)}`,
          body: { relations: blueprint.relations },
        });
      }
    }
    this.blueprintCache.clear();
    return missing.map((blueprint) => blueprint.identifier);
  }

  async listBlueprints(): Promise<BlueprintSummary[]> {
    const { body } = await this.client.request<{ blueprints: Blueprint[] }>({
      method: "GET",
      path: "/blueprints",
    });
    const summaries: BlueprintSummary[] = [];
    for (const blueprint of body.blueprints) {
      const { body: counted } = await this.client.request<{ count: number }>({
        method: "GET",
        path: `/blueprints/${encodeURIComponent(blueprint.identifier)}/entities-count`,
      });
      summaries.push({ ...blueprint, entityCount: counted.count });
    }
    return summaries;
  }

  async upsertEntities(entities: readonly Entity[], context: WriteContext): Promise<EntityUpsertResult[]> {
    if (context.resyncId !== undefined) await this.rememberSeen(context.resyncId, entities, context);
    const results = await this.compare(entities, context);
    const toWrite = results.flatMap((result, index) =>
      result.outcome === "unchanged" ? [] : [{ index, entity: entities[index] as Entity }],
    );
    for (const [blueprint, group] of groupByBlueprint(toWrite)) {
      await Promise.all(bulks(group).map((bulk) => this.writeBulk(blueprint, bulk, context, results)));
    }
    return results;
  }

  /** Without writing: new when Port has no such entity of this owner, updated when it differs. */
  compareEntities(entities: readonly Entity[], context: WriteContext): Promise<EntityUpsertResult[]> {
    return this.compare(entities, context);
  }

  async deleteEntities(
    keys: readonly EntityKey[],
    dataSource: string,
    options: DeleteOptions = {},
  ): Promise<DeleteResult> {
    const deleted: DeleteResult["deleted"] = [];
    // Port deletes whoever owns an entity; the catalog contract is to delete only this source's.
    let remaining = await this.ownedAmong(keys, dataSource);
    let refused: DeleteResult["refused"] = [];
    // An entity refused because another one still requires it can go once that one is gone:
    // retry the refused ones while a round makes progress.
    while (remaining.length > 0) {
      refused = [];
      const before = deleted.length;
      for (const [blueprint, group] of groupByBlueprint(
        remaining.map((key, index) => ({ index, entity: key })),
      )) {
        for (let start = 0; start < group.length; start += BULK_DELETE_IDENTIFIERS) {
          const identifiers = group
            .slice(start, start + BULK_DELETE_IDENTIFIERS)
            .map(({ entity }) => entity.identifier);
          const { body } = await this.client.request<DeleteAnswer>({
            method: "POST",
            path: `/blueprints/${encodeURIComponent(blueprint)}/bulk/entities/delete`,
            query: { delete_dependents: options.deleteDependents === true },
            body: { entities: identifiers },
            owner: dataSource,
            retryable: true,
          });
          for (const identifier of body.deletedEntities ?? []) deleted.push({ blueprint, identifier });
          for (const error of body.errors ?? []) {
            refused.push({
              key: { blueprint, identifier: error.identifier },
              error: { code: "ENTITY_HAS_DEPENDENTS", message: `${error.error}: ${error.message}` },
            });
          }
        }
      }
      if (deleted.length === before) break;
      remaining = refused.map(({ key }) => key);
    }
    return { deleted, refused };
  }

  async staleKeys(dataSource: string, resyncId: string, startedAt: Date): Promise<EntityKey[]> {
    const stale: EntityKey[] = [];
    for await (const page of this.owned(dataSource, startedAt)) {
      stale.push(...(await this.seenKeys.unseen(resyncId, page)));
    }
    return stale;
  }

  async endResync(resyncId: string): Promise<void> {
    await this.seenKeys.forget(resyncId);
    this.blueprintCache.clear();
  }

  async ownedKeys(dataSource: string): Promise<EntityKey[]> {
    const keys: EntityKey[] = [];
    for await (const page of this.owned(dataSource)) keys.push(...page);
    return keys;
  }

  async countEntities(dataSource: string): Promise<number> {
    let count = 0;
    for await (const page of this.owned(dataSource)) count += page.length;
    return count;
  }

  /** The keys of this integration's entities in Port (last written before `before`), page by page. */
  private async *owned(dataSource: string, before?: Date): AsyncIterable<EntityKey[]> {
    let from: string | undefined;
    do {
      const { body } = await this.client.request<{ entities: PortEntity[]; next?: string }>({
        method: "POST",
        path: "/blueprints/entities/datasource-entities",
        body: {
          datasource_prefix: `port-ocean/${this.integrationType}/`,
          datasource_suffix: `/${dataSource}/exporter`,
          limit: OWNED_PAGE,
          ...(before ? { before: before.toISOString() } : {}),
          ...(from ? { from } : {}),
        },
        owner: dataSource,
        retryable: true,
      });
      yield body.entities.map((entity) => ({ blueprint: entity.blueprint, identifier: entity.identifier }));
      from = body.next;
    } while (from);
  }

  /**
   * Every key the source returned counts as seen, refused ones too, so a failed write never
   * makes an entity look stale; with `createMissingRelatedEntities`, the targets of its
   * relations too (Ocean keeps a stale entity a kept one points at).
   */
  private async rememberSeen(
    resyncId: string,
    entities: readonly Entity[],
    context: WriteContext,
  ): Promise<void> {
    const seen: EntityKey[] = [...entities];
    if (context.createMissingRelatedEntities) {
      for (const entity of entities) {
        const relations = (await this.blueprint(entity.blueprint))?.relations ?? {};
        for (const [name, value] of Object.entries(entity.relations)) {
          const target = relations[name]?.target;
          if (target)
            for (const identifier of relationTargets(value)) seen.push({ blueprint: target, identifier });
        }
      }
    }
    await this.seenKeys.record(resyncId, seen);
  }

  private async blueprint(identifier: string): Promise<Blueprint | undefined> {
    if (!this.blueprintCache.has(identifier)) {
      const { status, body } = await this.client.request<{ blueprint: Blueprint }>({
        method: "GET",
        path: `/blueprints/${encodeURIComponent(identifier)}`,
        accept: [404],
      });
      this.blueprintCache.set(identifier, status === 404 ? undefined : body.blueprint);
    }
    return this.blueprintCache.get(identifier);
  }

  /** Outcome per entity from what Port holds for this owner: created, updated or unchanged. */
  private async compare(entities: readonly Entity[], context: WriteContext): Promise<EntityUpsertResult[]> {
    const results: EntityUpsertResult[] = entities.map((entity) => ({
      key: { blueprint: entity.blueprint, identifier: entity.identifier },
      outcome: "created",
    }));
    for (const [blueprint, group] of groupByBlueprint(entities.map((entity, index) => ({ index, entity })))) {
      for (let start = 0; start < group.length; start += COMPARE_CHUNK) {
        const chunk = group.slice(start, start + COMPARE_CHUNK);
        const existing = await this.search(
          blueprint,
          chunk.map(({ entity }) => entity.identifier),
          context.dataSource,
        );
        for (const { index, entity } of chunk) {
          const stored = existing.get(entity.identifier);
          if (stored)
            (results[index] as EntityUpsertResult).outcome = sameEntity(
              entity,
              stored,
              context.merge === true,
            )
              ? "unchanged"
              : "updated";
        }
      }
    }
    return results;
  }

  private async ownedAmong(keys: readonly EntityKey[], owner: string): Promise<EntityKey[]> {
    const owned: EntityKey[] = [];
    for (const [blueprint, group] of groupByBlueprint(keys.map((key, index) => ({ index, entity: key })))) {
      for (let start = 0; start < group.length; start += COMPARE_CHUNK) {
        const identifiers = group.slice(start, start + COMPARE_CHUNK).map(({ entity }) => entity.identifier);
        for (const identifier of (await this.search(blueprint, identifiers, owner)).keys()) {
          owned.push({ blueprint, identifier });
        }
      }
    }
    return owned;
  }

  private async search(
    blueprint: string,
    identifiers: readonly string[],
    owner: string,
  ): Promise<Map<string, PortEntity>> {
    const rules: EntitySearchRule[] = [
      { property: "$blueprint", operator: "=", value: blueprint },
      { property: "$identifier", operator: "in", value: identifiers },
      // Ocean's ownership rules: an entity another source owns is written (and taken over).
      { property: "$datasource", operator: "contains", value: `port-ocean/${this.integrationType}/` },
      { property: "$datasource", operator: "contains", value: `/${owner}/exporter` },
    ];
    const { body } = await this.client.request<{ entities: PortEntity[] }>({
      method: "POST",
      path: "/entities/search",
      query: { exclude_calculated_properties: true },
      body: { combinator: "and", rules },
      owner,
      retryable: true,
    });
    return new Map(body.entities.map((entity) => [entity.identifier, entity]));
  }

  private async writeBulk(
    blueprint: string,
    bulk: ReadonlyArray<{ index: number; entity: Entity }>,
    context: WriteContext,
    results: EntityUpsertResult[],
  ): Promise<void> {
    const { status, body } = await this.client.request<BulkAnswer>({
      method: "POST",
      path: `/blueprints/${encodeURIComponent(blueprint)}/entities/bulk`,
      query: {
        upsert: true,
        merge: context.merge === true,
        create_missing_related_entities: context.createMissingRelatedEntities === true,
        ...resyncLabel(context),
        validation_only: false,
      },
      body: { entities: bulk.map(({ entity }) => portBody(entity)) },
      owner: context.dataSource,
      retryable: true,
      accept: [413],
    });
    if (status === 413) {
      // Too large as one request: entity by entity, as Ocean does.
      for (const item of bulk) await this.writeOne(blueprint, item, context, results);
      return;
    }
    for (const written of body.entities ?? []) {
      const item = bulk[written.index];
      if (item) (results[item.index] as EntityUpsertResult).outcome = written.created ? "created" : "updated";
    }
    for (const error of body.errors ?? []) {
      const item = bulk[error.index];
      if (item) results[item.index] = refused(item.entity, error);
    }
  }

  private async writeOne(
    blueprint: string,
    item: { index: number; entity: Entity },
    context: WriteContext,
    results: EntityUpsertResult[],
  ): Promise<void> {
    const { status, body } = await this.client.request<{ error?: string; message?: string }>({
      method: "POST",
      path: `/blueprints/${encodeURIComponent(blueprint)}/entities`,
      query: {
        upsert: true,
        merge: context.merge === true,
        create_missing_related_entities: context.createMissingRelatedEntities === true,
        ...resyncLabel(context),
      },
      body: portBody(item.entity),
      owner: context.dataSource,
      retryable: true,
      accept: [404, 422],
    });
    if (status === 404 || status === 422) {
      results[item.index] = refused(item.entity, {
        error: body.error ?? "refused",
        message: body.message ?? "",
      });
    }
  }
}

/** Ocean labels a resync's writes with its id, so Port's audit log can group them. */
function resyncLabel(context: WriteContext): Record<string, string> {
  return context.resyncId === undefined
    ? {}
    : { ocean_info_event_type: "resync", ocean_info_resync_id: context.resyncId };
}

function refused(entity: Entity, error: { error: string; message: string }): EntityUpsertResult {
  return {
    key: { blueprint: entity.blueprint, identifier: entity.identifier },
    outcome: "failed",
    error: { code: "PORT_ENTITY_REFUSED", message: `${error.error}: ${error.message}` },
  };
}

/** An entity as Port's write endpoints take it: the blueprint is in the path. */
function portBody(entity: Entity): Record<string, unknown> {
  return {
    identifier: entity.identifier,
    ...(entity.title === undefined ? {} : { title: entity.title }),
    ...(entity.icon === undefined ? {} : { icon: entity.icon }),
    ...(entity.team === undefined || entity.team === null ? {} : { team: entity.team }),
    properties: entity.properties,
    relations: entity.relations,
  };
}

/**
 * Ocean's comparison: title, team (as a set), properties and relations by canonical JSON, where a
 * null Port keeps for a key the local entity lacks does not count; icon is not compared. With
 * merge, only the keys the entity gives are compared.
 */
function sameEntity(entity: Entity, stored: PortEntity, merge: boolean): boolean {
  const sameTeam = canonicalJson(teamSet(entity.team)) === canonicalJson(teamSet(stored.team));
  return (
    (entity.title ?? null) === (stored.title ?? null) &&
    sameTeam &&
    sameFields(entity.properties, stored.properties ?? {}, merge) &&
    sameFields(entity.relations, stored.relations ?? {}, merge)
  );
}

function sameFields(
  local: Record<string, unknown>,
  stored: Record<string, unknown>,
  merge: boolean,
): boolean {
  const relevant = Object.fromEntries(
    Object.entries(stored).filter(([key, value]) => key in local || (!merge && value !== null)),
  );
  return canonicalJson(local) === canonicalJson(relevant);
}

function teamSet(team: unknown): unknown {
  if (team === undefined || team === null) return [];
  return Array.isArray(team) ? [...team].map(String).sort() : [String(team)];
}

function groupByBlueprint<Item extends { entity: EntityKey }>(items: readonly Item[]): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const group = groups.get(item.entity.blueprint) ?? [];
    group.push(item);
    groups.set(item.entity.blueprint, group);
  }
  return groups;
}

/** Consecutive runs of at most 20 entities and 1 MiB each. */
function bulks<Item extends { entity: Entity }>(items: readonly Item[]): Item[][] {
  const result: Item[][] = [];
  let current: Item[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(portBody(item.entity)));
    if (current.length > 0 && (current.length >= BULK_UPSERT_ENTITIES || bytes + size > BULK_UPSERT_BYTES)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}
