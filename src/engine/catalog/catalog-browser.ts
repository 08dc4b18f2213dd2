import type { EntityKey, StoredEntity } from "./entity.js";

export interface EntityFilter {
  /** Identifier or title contains this text, ignoring case. */
  search?: string;
  /** Written by this data source. */
  dataSource?: string;
  /** Property equals this value as text (`true`, `42`, `main`), or a list property contains it. */
  properties?: Readonly<Record<string, string>>;
}

/** Entities of one blueprint whose relation points at a given entity. */
export interface IncomingRelationGroup {
  blueprint: string;
  relation: string;
  /** The first of them, by identifier. */
  entities: Array<EntityKey & { title: string | null }>;
  total: number;
}

/**
 * Reading the catalog the way the portal does: pages, one entity, relations both ways. Only the
 * embedded catalog offers it; entities written to Port's API are browsed in Port.
 */
export interface CatalogBrowser {
  /** One page of a blueprint's entities by identifier; `total` counts those the filter keeps. */
  listEntities(
    blueprint: string,
    page: { limit: number; offset: number },
    filter?: EntityFilter,
  ): Promise<{ entities: StoredEntity[]; total: number }>;
  getEntity(key: EntityKey): Promise<StoredEntity | undefined>;
  /**
   * The other direction of relations: entities whose relation points at `key`, grouped per
   * blueprint and relation, at most `limit` listed per group.
   */
  incomingRelations(key: EntityKey, limit: number): Promise<IncomingRelationGroup[]>;
  /** The data sources that wrote entities of this blueprint (the portal's filter choices). */
  entityDataSources(blueprint: string): Promise<string[]>;
}
