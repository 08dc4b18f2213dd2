/** An answer of Portolan's JSON API: its status, its text, and that text parsed (undefined when empty). */
export interface JsonAnswer<T> {
  status: number;
  text: string;
  body: T;
}

/** Calls one operation of Portolan's JSON API, sending `body` (if any) as JSON, with the caller's credentials. */
// biome-ignore lint/suspicious/noExplicitAny: by default an answer is read as loosely as JSON.parse gives it
export async function callJsonApi<T = any>(
  url: string,
  credentials: Record<string, string>,
  method: string,
  body?: unknown,
): Promise<JsonAnswer<T>> {
  const response = await fetch(url, {
    method,
    headers: { ...credentials, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : undefined) as T };
}
