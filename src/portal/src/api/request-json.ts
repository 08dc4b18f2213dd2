import { ApiError } from "./api-error.js";
import { notifyUnauthorized } from "./session-events.js";
import type { ApiErrorBody } from "./types.js";

/** Prefix of every Portolan API route; the portal is served from the same origin. */
export const API_BASE = "/api/v1";

/**
 * GET a JSON document from the API. Failures become an ApiError: the server's own `{ error }` body
 * when it sent one, otherwise a sentence naming the route and what went wrong.
 */
export function requestJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return exchangeJson<T>("GET", path, undefined, signal);
}

/** Sends `body` as JSON with `method` (POST, PUT) and reads the JSON answer, failing as `requestJson` does. */
export function sendJson<T>(
  method: "POST" | "PUT",
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<T> {
  return exchangeJson<T>(method, path, body, signal);
}

async function exchangeJson<T>(
  method: string,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const url = `${API_BASE}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(
      "PORTAL_UNREACHABLE",
      `Could not reach the Portolan server (${url}). Check that it is running.`,
      0,
    );
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (response.status === 401) notifyUnauthorized();
    if (isApiErrorBody(answer)) throw new ApiError(answer.error.code, answer.error.message, response.status);
    throw new ApiError(
      `HTTP_${response.status}`,
      `${url} answered HTTP ${response.status} ${response.statusText}`.trim(),
      response.status,
    );
  }
  if (answer === undefined) {
    throw new ApiError("PORTAL_BAD_RESPONSE", `${url} did not answer with JSON.`, response.status);
  }
  return answer as T;
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}
