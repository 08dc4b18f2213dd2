import { requestJson } from "./request-json.js";
import type { ListEntitiesResponse } from "./types.js";

export interface EntityPage {
  limit: number;
  offset: number;
}

/** One page of a blueprint's entities, with the blueprint's total entity count. */
export function listEntities(
  blueprint: string,
  page: EntityPage,
  signal?: AbortSignal,
): Promise<ListEntitiesResponse> {
  const query = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
  return requestJson<ListEntitiesResponse>(
    `/blueprints/${encodeURIComponent(blueprint)}/entities?${query}`,
    signal,
  );
}
