import { requestJson } from "./request-json.js";
import type { ListEntitiesResponse } from "./types.js";

export interface EntityPage {
  limit: number;
  offset: number;
}

/** What the catalog's search box and filters ask for; empty values are left out of the query. */
export interface EntityQuery {
  search?: string;
  dataSource?: string;
  /** One property filter: the property equals this value (or a list property contains it). */
  property?: { key: string; value: string };
}

/** One page of a blueprint's entities the query keeps, with how many it keeps in all. */
export function listEntities(
  blueprint: string,
  page: EntityPage,
  signal?: AbortSignal,
  filter: EntityQuery = {},
): Promise<ListEntitiesResponse> {
  const query = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
  if (filter.search) query.set("search", filter.search);
  if (filter.dataSource) query.set("dataSource", filter.dataSource);
  if (filter.property?.key && filter.property.value) {
    query.set("property", `${filter.property.key}:${filter.property.value}`);
  }
  return requestJson<ListEntitiesResponse>(
    `/blueprints/${encodeURIComponent(blueprint)}/entities?${query}`,
    signal,
  );
}
