import { ApiError } from "./api-error.js";
import { API_BASE } from "./request-json.js";
import { notifyUnauthorized } from "./session-events.js";

/**
 * POST / PUT / DELETE to the API. A refusal becomes an ApiError with the server's code, message and
 * per-field problems, so a form can show each at its field.
 */
export async function sendJson<T>(
  method: "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(
      "PORTAL_UNREACHABLE",
      "Could not reach the Portolan server. Check that it is running.",
      0,
    );
  }
  const answer = (await response.json().catch(() => undefined)) as
    | { error?: { code: string; message: string; fields?: Array<{ field: string; message: string }> } }
    | undefined;
  if (!response.ok) {
    if (response.status === 401) notifyUnauthorized();
    throw new ApiError(
      answer?.error?.code ?? `HTTP_${response.status}`,
      answer?.error?.message ?? `${method} ${path} answered HTTP ${response.status}`,
      response.status,
      answer?.error?.fields ?? [],
    );
  }
  return answer as T;
}
