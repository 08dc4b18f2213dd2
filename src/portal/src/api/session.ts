import { ApiError } from "./api-error.js";
import { API_BASE } from "./request-json.js";

/** Signs in with username and password; the server answers with an HttpOnly session cookie. */
export async function signIn(username: string, password: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/session`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    throw new ApiError(
      "PORTAL_UNREACHABLE",
      "Could not reach the Portolan server. Check that it is running.",
      0,
    );
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      | { error?: { code: string; message: string } }
      | undefined;
    throw new ApiError(
      body?.error?.code ?? `HTTP_${response.status}`,
      body?.error?.message ?? "Sign-in failed.",
      response.status,
    );
  }
}

export async function signOut(): Promise<void> {
  await fetch(`${API_BASE}/session`, { method: "DELETE" }).catch(() => undefined);
}
