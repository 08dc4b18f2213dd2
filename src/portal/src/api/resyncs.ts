import { ApiError } from "./api-error.js";
import { API_BASE, requestJson } from "./request-json.js";
import type { ListEventsResponse, ListResyncsResponse } from "./types.js";

export function listResyncs(signal?: AbortSignal): Promise<ListResyncsResponse> {
  return requestJson<ListResyncsResponse>("/resyncs", signal);
}

export function listEvents(signal?: AbortSignal): Promise<ListEventsResponse> {
  return requestJson<ListEventsResponse>("/events?limit=50", signal);
}

/** Starts a full resync; a resync already running makes the server record this one as skipped (409). */
export async function startResync(): Promise<void> {
  const response = await fetch(`${API_BASE}/resyncs`, { method: "POST" });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      | { error?: { code: string; message: string } }
      | undefined;
    throw new ApiError(
      body?.error?.code ?? `HTTP_${response.status}`,
      body?.error?.message ?? "The resync did not start.",
      response.status,
    );
  }
}
