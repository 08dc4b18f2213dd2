import { requestJson } from "./request-json.js";
import type { ListBlueprintsResponse } from "./types.js";

/** The catalog's blueprints, in the server's order, each with its entity count. */
export function listBlueprints(signal?: AbortSignal): Promise<ListBlueprintsResponse> {
  return requestJson<ListBlueprintsResponse>("/blueprints", signal);
}
