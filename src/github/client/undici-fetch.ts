/**
 * The `fetch` the GitHub client gives Octokit: undici's `request` underneath, the body read whole
 * before the answer is returned, as `fetch` answers would look to Octokit.
 *
 * Why not the global `fetch` (also undici): it hands every body through web streams, and with the
 * whole-body read Octokit needs (see `whole-body-fetch.ts`) that was the largest main-thread cost of a
 * resync after the store (a loopback micro-benchmark, 10 in flight, 50 kB JSON answers: 1.4 s of CPU
 * per 3,000 requests against 0.6 s here). What `fetch` does for Octokit is kept: redirects followed
 * (GitHub answers a renamed repository's former name with 301, or 307 to methods other than GET and
 * HEAD, which are repeated as sent), the authorization header dropped when a redirect
 * leaves the origin, gzip/deflate/br answers decoded, an abort rejecting with the signal's reason, and
 * network failures as `TypeError("fetch failed")` with the cause, which Octokit reports. Request bodies
 * are what Octokit sends: text or bytes (not FormData or URLSearchParams).
 */
import { STATUS_CODES } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from "node:zlib";
import { Agent, type Dispatcher, request } from "undici";
import { wholeBodyResponse } from "./whole-body-response.js";

/** As `fetch`: a 21st redirect is an error. */
const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Request headers that describe the body: dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "content-location",
];
/** Request headers that carry credentials: dropped when a redirect leaves the origin, as `fetch` does. */
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

/** One connection pool for the process, as the global `fetch` has (keep-alive across clients). */
const sharedAgent = new Agent();

export function undiciFetch(dispatcher: Dispatcher = sharedAgent): typeof fetch {
  return async (input, init = {}) => {
    // Octokit passes a URL string; anything else (a Request) is left to the real `fetch`.
    if (input instanceof Request) return fetch(input, init);
    let url = new URL(input);
    let method = (init.method ?? "GET").toUpperCase();
    let body = init.body ?? undefined;
    const headers = headerRecord(init.headers);
    headers["accept-encoding"] ??= "gzip, deflate, br";
    const signal = init.signal ?? undefined;
    for (let redirects = 0; ; redirects++) {
      const answer = await send(dispatcher, url, method, headers, body, signal);
      const location = answer.headers.location;
      if (
        init.redirect === "manual" ||
        !REDIRECT_STATUSES.has(answer.statusCode) ||
        typeof location !== "string"
      )
        return await wholeResponse(answer, url, signal);
      await answer.body.dump();
      if (init.redirect === "error" || redirects === MAX_REDIRECTS)
        throw new TypeError("fetch failed", {
          cause: new Error(
            `redirect ${init.redirect === "error" ? "not allowed" : "count exceeded"}: ${url}`,
          ),
        });
      const next = new URL(location, url);
      if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
      if (answer.statusCode === 303 ? method !== "HEAD" : answer.statusCode <= 302 && method === "POST") {
        method = "GET";
        body = undefined;
        for (const name of BODY_HEADERS) delete headers[name];
      }
      url = next;
    }
  };
}

type Answer = Dispatcher.ResponseData;

/** Request headers by lower-case name (Octokit passes a plain record: no Headers object built for it). */
function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  if (init === undefined) return {};
  if (init instanceof Headers || Array.isArray(init)) return Object.fromEntries(new Headers(init));
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(init)) record[name.toLowerCase()] = value;
  return record;
}

async function send(
  dispatcher: Dispatcher,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: BodyInit | undefined,
  signal: AbortSignal | undefined,
): Promise<Answer> {
  try {
    return await request(url, {
      dispatcher,
      method: method as Dispatcher.HttpMethod,
      headers,
      body: body as Dispatcher.DispatchOptions["body"],
      signal,
    });
  } catch (error) {
    throw asFetchError(error, signal);
  }
}

/** The answer as a Response, its body read whole (a connection cut mid-body rejects here) and decoded. */
async function wholeResponse(answer: Answer, url: URL, signal: AbortSignal | undefined): Promise<Response> {
  let bytes: Buffer;
  try {
    bytes = Buffer.from(await answer.body.arrayBuffer());
  } catch (error) {
    throw asFetchError(error, signal, "terminated");
  }
  const encoding = answer.headers["content-encoding"];
  if (typeof encoding === "string" && bytes.length > 0) {
    try {
      bytes = decode(bytes, encoding);
    } catch (error) {
      throw new TypeError("fetch failed", { cause: error });
    }
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.append(name, value);
  }
  return wholeBodyResponse(bytes, {
    status: answer.statusCode,
    statusText: STATUS_CODES[answer.statusCode] ?? "",
    headers,
    url: url.href,
  });
}

/** Decodes a `content-encoding` (codings listed in the order applied, so undone from the last). */
function decode(bytes: Buffer, contentEncoding: string): Buffer {
  const codings = contentEncoding.split(",").map((coding) => coding.trim().toLowerCase());
  let decoded = bytes;
  for (const coding of codings.reverse()) {
    if (coding === "gzip" || coding === "x-gzip") decoded = gunzipSync(decoded);
    else if (coding === "deflate") decoded = inflateEither(decoded);
    else if (coding === "br") decoded = brotliDecompressSync(decoded);
    else if (coding !== "identity" && coding !== "")
      throw new Error(`unsupported content-encoding "${coding}"`);
  }
  return decoded;
}

/** HTTP's "deflate" is zlib-wrapped, but some servers send it raw; `fetch` takes either. */
function inflateEither(bytes: Buffer): Buffer {
  try {
    return inflateSync(bytes);
  } catch {
    return inflateRawSync(bytes);
  }
}

/** As `fetch` rejects: with the signal's reason once aborted, else a TypeError whose cause says why. */
function asFetchError(error: unknown, signal: AbortSignal | undefined, message = "fetch failed"): unknown {
  if (signal?.aborted) return signal.reason;
  return new TypeError(message, { cause: error });
}
