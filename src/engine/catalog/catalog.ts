import type { Blueprint } from "./blueprint.js";
import type { Entity, EntityKey, StoredEntity } from "./entity.js";

export type UpsertOutcome = "created" | "updated" | "unchanged" | "failed";

export interface EntityUpsertResult {
  key: EntityKey;
  outcome: UpsertOutcome;
  /** Why the catalog refused the entity (unknown blueprint, invalid property, …). */
  error?: { code: string; message: string };
  /** Mapped properties the blueprint does not define: ignored, as Port ignores them. */
  ignoredProperties?: string[];
}

export interface WriteContext {
  dataSource: string;
  /** Set when a resync writes: the keys it saw are remembered for stale deletion at its end. */
  resyncId?: string;
  /** Port's `merge` (the mapping's `enableMergeEntity`): properties and relations are merged into the stored entity. */
  merge?: boolean;
  /** Port's `create_missing_related_entities`: a missing relation target becomes a bare stub entity. */
  createMissingRelatedEntities?: boolean;
}

export interface DeleteOptions {
  /** Port's `delete_dependents`: entities whose required relation points at a deleted one go too. */
  deleteDependents?: boolean;
}

export interface DeleteResult {
  /** Deleted entities; a dependent carries the key whose deletion took it along. */
  deleted: Array<EntityKey & { dependentOf?: EntityKey }>;
  /** Entities kept because deleting them would break a required relation (without `deleteDependents`). */
  refused: Array<{ key: EntityKey; error: { code: string; message: string } }>;
}

/** Narrows a blueprint's entity list; every given condition must hold. */
export interface BlueprintSummary extends Blueprint {
  entityCount: number;
}

/**
 * Where entities go: the local store, or Port's API. The sync and live-event code only ever talk
 * to this interface.
 */
export interface Catalog {
  /** Creates the blueprints that do not exist yet; existing ones are left as the user changed them. */
  ensureBlueprints(blueprints: readonly Blueprint[]): Promise<string[]>;
  listBlueprints(): Promise<BlueprintSummary[]>;
  /**
   * Writes entities, one batch at a time; each is validated against its blueprint first, so an
   * invalid one is refused alone and never half-written. Only new or changed entities are written:
   * an identical one is not touched and keeps its `updatedAt`.
   */
  upsertEntities(entities: readonly Entity[], context: WriteContext): Promise<EntityUpsertResult[]>;
  /**
   * What `upsertEntities` would do with the same arguments, without writing anything;
   * `pendingBlueprints` count as existing (the defaults a first start would create).
   */
  compareEntities(
    entities: readonly Entity[],
    context: WriteContext,
    pendingBlueprints?: readonly Blueprint[],
  ): Promise<EntityUpsertResult[]>;
  deleteEntities(
    keys: readonly EntityKey[],
    dataSource: string,
    options?: DeleteOptions,
  ): Promise<DeleteResult>;
  /**
   * Stale-deletion candidates: this data source's entities that resync `resyncId` did not see and
   * that were last written before it started (so a live event during the resync is never undone).
   */
  staleKeys(dataSource: string, resyncId: string, startedAt: Date): Promise<EntityKey[]>;
  /** Forgets the keys resync `resyncId` saw, once its stale deletion is done. */
  endResync(resyncId: string): Promise<void>;
  /** Every key this data source owns (a resync plan compares them with what the source returned). */
  ownedKeys(dataSource: string): Promise<EntityKey[]>;
  countEntities(dataSource: string): Promise<number>;
}
