/** What the mapping produces for one raw object, in Port's entity shape. */
export interface Entity {
  identifier: string;
  blueprint: string;
  title?: string | null;
  icon?: string | null;
  team?: unknown;
  properties: Record<string, unknown>;
  relations: Record<string, unknown>;
}

export interface EntityKey {
  blueprint: string;
  identifier: string;
}

/** An entity as the catalog stores it. */
export interface StoredEntity extends Entity {
  dataSource: string;
  createdAt: string;
  updatedAt: string;
}

export function entityKeyString(key: EntityKey): string {
  return `${key.blueprint}\u0000${key.identifier}`;
}
