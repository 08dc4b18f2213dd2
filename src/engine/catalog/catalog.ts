import type { Blueprint } from "./blueprint.js";
import type { Entity, EntityKey, StoredEntity } from "./entity.js";

export type UpsertOutcome = "created" | "updated" | "unchanged" | "failed";

export interface EntityUpsertResult {
  key: EntityKey;
  outcome: UpsertOutcome;
  /** Why the catalog refused the entity (unknown blueprint, invalid property, …). */
  error?: { code: string; message: string };
}

export interface WriteContext {
  dataSource: string;
  /** Set when a resync writes: marks the entities it saw, for stale deletion at its end. */
  resyncId?: string;
}

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
   * Writes entities; each is validated against its blueprint first, so an invalid one is refused
   * whole and never half-written. An entity identical to the stored one keeps its `updatedAt`.
   */
  upsertEntities(entities: readonly Entity[], context: WriteContext): Promise<EntityUpsertResult[]>;
  deleteEntities(keys: readonly EntityKey[], dataSource: string): Promise<EntityKey[]>;
  listEntities(
    blueprint: string,
    page: { limit: number; offset: number },
  ): Promise<{ entities: StoredEntity[]; total: number }>;
  /**
   * Stale-deletion candidates: this data source's entities that resync `resyncId` did not see and
   * that were last written before it started (so a live event during the resync is never undone).
   */
  staleKeys(dataSource: string, resyncId: string, startedAt: Date): Promise<EntityKey[]>;
  countEntities(dataSource: string): Promise<number>;
}
