import { requestJson } from "./request-json.js";
import type { EntityDetailResponse } from "./types.js";

/** One entity with who wrote it and when, and the entities whose relations point at it. */
export function getEntity(
  blueprint: string,
  identifier: string,
  signal?: AbortSignal,
): Promise<EntityDetailResponse> {
  return requestJson<EntityDetailResponse>(
    `/blueprints/${encodeURIComponent(blueprint)}/entities/${encodeURIComponent(identifier)}`,
    signal,
  );
}
