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

export interface ApiKindCounts {
  seen: number;
  upserted: number;
  unchanged: number;
  filteredOut: number;
  dropped: number;
  failed: number;
  deleted: number;
}

export interface ApiResync {
  id: string;
  trigger: string;
  status: "running" | "completed" | "failed" | "skipped";
  startedAt: string;
  finishedAt?: string;
  kinds: Record<string, ApiKindCounts>;
  errors: Array<{ kind: string; resourceIndex: number; code: string; message: string }>;
  deletion: { performed: boolean; reason: string; candidates: number };
  deletions: Array<{ blueprint: string; identifier: string; reason: string }>;
  /** The entities the catalog refused, each with why (the first 100). */
  entityFailures?: Array<{
    kind: string;
    blueprint: string;
    identifier: string;
    code: string;
    message: string;
  }>;
  /** Only on skipped resyncs: why. */
  reason?: string;
}

/** `GET /api/v1/resyncs` */
export interface ListResyncsResponse {
  running: ApiResync | null;
  resyncs: ApiResync[];
}

export interface ApiDelivery {
  deliveryId: string;
  event: string;
  action: string | null;
  groupKey: string;
  status: string;
  attempts: number;
  error: string | null;
  receivedAt: string;
  finishedAt: string | null;
}

/** `GET /api/v1/events` */
export interface ListEventsResponse {
  counts: Record<string, number>;
  recent: ApiDelivery[];
}
