/**
 * The portal's view of Portolan's HTTP API (`/api/v1`). These are wire shapes: what the server sends,
 * not the engine's internal types, so the portal builds and evolves without importing server code.
 */

export interface ApiBlueprintProperty {
  type?: string;
  title?: string;
  format?: string;
  enum?: unknown[];
  [key: string]: unknown;
}

export interface ApiBlueprintRelation {
  title?: string;
  target: string;
  many?: boolean;
  required?: boolean;
}

export interface ApiBlueprint {
  identifier: string;
  title?: string;
  icon?: string;
  schema: { properties: Record<string, ApiBlueprintProperty>; required?: string[] };
  relations?: Record<string, ApiBlueprintRelation>;
  entityCount: number;
}

export interface ApiEntity {
  identifier: string;
  blueprint: string;
  title?: string | null;
  properties: Record<string, unknown>;
  relations: Record<string, string | string[] | null>;
  dataSource?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** `GET /api/v1/blueprints` */
export interface ListBlueprintsResponse {
  blueprints: ApiBlueprint[];
}

/** `GET /api/v1/blueprints/{identifier}/entities?limit&offset` */
export interface ListEntitiesResponse {
  entities: ApiEntity[];
  total: number;
}

/** The body of every failed API response. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
