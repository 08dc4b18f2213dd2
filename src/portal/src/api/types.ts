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

/** `GET /api/v1/blueprints/{identifier}/entities?limit&offset&search&dataSource&property=key:value` */
export interface ListEntitiesResponse {
  entities: ApiEntity[];
  /** How many entities the filters keep. */
  total: number;
  /** The data sources that wrote entities of this blueprint (absent from older servers). */
  dataSources?: string[];
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

/** `GET /api/v1/mapping/data-sources` */
export interface ListMappingDataSourcesResponse {
  dataSources: Array<{ id: string; integration: string; kinds: string[] }>;
}

export interface ApiMappingVersion {
  version: number;
  savedBy: string;
  savedAt: string;
}

/** `GET /api/v1/data-sources/{id}/mapping` */
export interface MappingResponse {
  dataSource: string;
  text: string;
  kinds: string[];
  versions: ApiMappingVersion[];
}

/** One finding of the mapping check, at its line when the parser knows it. */
export interface ApiMappingProblem {
  severity: "error" | "warning";
  code: string;
  message: string;
  hint?: string;
  path?: string;
  line?: number;
  column?: number;
}

/** `POST /api/v1/data-sources/{id}/mapping/validate` */
export interface ValidateMappingResponse {
  valid: boolean;
  problems: ApiMappingProblem[];
  resources: Array<{ index: number; kind: string }>;
}

/** `PUT /api/v1/data-sources/{id}/mapping` */
export interface SaveMappingResponse {
  version: ApiMappingVersion;
  problems: ApiMappingProblem[];
}

/** A mapping test's failure at a mapping field; `empty`: it gave null or nothing, not always a mistake. */
export interface ApiTestError {
  field: string;
  message: string;
  empty?: true;
}

export interface ApiTestedEntity {
  entity: ApiEntity;
  outcome: "created" | "updated" | "unchanged" | "failed";
  error?: { code: string; message: string };
  /** The failures of this entity's own fields (with itemsToParse, of its element only). */
  errors: ApiTestError[];
}

/** `POST /api/v1/mapping/test` */
export interface TestMappingResponse {
  dataSource: string;
  resourceIndex: number;
  kind: string;
  source: "raw examples" | "pasted";
  /** The data source's "send raw data examples" setting: off, no examples are kept or served. */
  sendRawDataExamples: boolean;
  results: Array<{
    raw: Record<string, unknown>;
    entities: ApiTestedEntity[];
    filteredOut: boolean;
    dropped: boolean;
    /** With itemsToParse: which elements (0-based) were filtered out, and dropped. */
    elements?: { filteredOut: number[]; dropped: number[] };
    /** What belongs to no entity (itemsToParse, the selector, a dropped object); `element`: which one. */
    errors: Array<ApiTestError & { element?: number }>;
    skipped?: true;
  }>;
}

/** `GET /api/v1/blueprints/{blueprint}/entities/{identifier}` */
export interface EntityDetailResponse {
  entity: ApiEntity & { dataSource: string; createdAt: string; updatedAt: string };
  incoming: Array<{
    blueprint: string;
    relation: string;
    total: number;
    entities: Array<{ blueprint: string; identifier: string; title: string | null }>;
  }>;
}
