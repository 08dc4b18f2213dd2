/** Statuses whose answers have no body (Fetch's "null body status", plus 103). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` whose answers arrive with their whole body, or not at all. Octokit reads a body with
 * `response.text()` and, when that fails (the connection dropped mid-body), keeps the empty text as the
 * answer's data: a listing cut short would read as an empty page, and a resync would take it as "no
 * items". Reading the body here turns such a cut into a failed request, which Octokit's retry plugin
 * retries like any network failure (and which ends as `GITHUB_UNREACHABLE` once retries run out).
 */
export function wholeBodyFetch(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    // A null-body status (204, 304, …) has nothing to cut, and a Response of it may carry no body.
    if (response.body === null || NULL_BODY_STATUSES.has(response.status)) return response;
    // Throws when the connection breaks before the announced length arrived (undici: "terminated").
    const body = await response.arrayBuffer();
    const whole = new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // Octokit reports `response.url` (after redirects); a constructed Response has none.
    Object.defineProperty(whole, "url", { value: response.url });
    return whole;
  };
}
