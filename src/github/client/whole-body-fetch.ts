import { NULL_BODY_STATUSES, wholeBodyResponse } from "./whole-body-response.js";

/**
 * A `fetch` whose answers arrive with their whole body, or not at all. Octokit reads a body with
 * `response.text()` and, when that fails (the connection dropped mid-body), keeps the empty text as the
 * answer's data: a listing cut short would read as an empty page, and a resync would take it as "no
 * items". Reading the body here turns such a cut into a failed request, which Octokit's retry plugin
 * retries like any network failure (and which ends as `GITHUB_UNREACHABLE` once retries run out).
 * For a `fetch` given to the client (tests); its own, `undiciFetch`, reads bodies whole by itself.
 */
export function wholeBodyFetch(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    // A null-body status (204, 304, …) has nothing to cut, and a Response of it may carry no body.
    if (response.body === null || NULL_BODY_STATUSES.has(response.status)) return response;
    // Throws when the connection breaks before the announced length arrived (undici: "terminated").
    const bytes = Buffer.from(await response.arrayBuffer());
    return wholeBodyResponse(bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      url: response.url,
    });
  };
}
