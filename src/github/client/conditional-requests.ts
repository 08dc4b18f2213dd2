/**
 * Conditional REST GETs: a cached `ETag` goes out as `If-None-Match`, and GitHub's `304 Not Modified`
 * (which costs no quota) is answered with the cached body and `Link`. The key is the method, URL and
 * media type — not the credential: a 304 means the body is byte for byte the one cached, whoever asks.
 */
import { createHash } from "node:crypto";
import type { EtagCacheSlot } from "./etag-cache.js";
import type { GitHubOctokit } from "./github-octokit.js";
import { RESPONSE_TEXT, type WithText } from "./native-json-bodies.js";
import { isRequestErrorLike } from "./translate-request-error.js";

export function requestKey(method: string, url: string, accept: string): string {
  return createHash("sha256").update(`${method} ${url}\n${accept}`).digest("hex");
}

export function installConditionalRequests(octokit: GitHubOctokit, slot: EtagCacheSlot): void {
  octokit.hook.wrap("request", async (request, options) => {
    const cache = slot.cache;
    if (cache === undefined || options.method !== "GET") return request(options);
    const endpoint = octokit.request.endpoint(options);
    const headers = endpoint.headers as Record<string, string | undefined>;
    const key = requestKey("GET", endpoint.url, headers.accept ?? "");
    /** The request with `sentEtag` (if any) as `If-None-Match`, its new ETag and body kept. */
    const requestAndKeep = async (sentEtag: string | undefined) => {
      // Set on the options Octokit passed (the plugins inside this hook read those, not a copy).
      const headers: Record<string, string | undefined> = { ...options.headers, "if-none-match": sentEtag };
      if (sentEtag === undefined) delete headers["if-none-match"];
      options.headers = headers as typeof options.headers;
      const response: WithText<Awaited<ReturnType<typeof request>>> = await request(options);
      const etag = response.headers.etag;
      if (typeof etag === "string" && etag !== sentEtag) {
        const link = response.headers.link;
        await cache.put(key, {
          etag,
          body: response[RESPONSE_TEXT] ?? JSON.stringify(response.data ?? null),
          link: typeof link === "string" ? link : null,
        });
      }
      return response;
    };
    const etag = await cache.etag(key);
    if (etag === undefined) return requestAndKeep(undefined);
    try {
      return await requestAndKeep(etag);
    } catch (error) {
      if (!isRequestErrorLike(error) || error.status !== 304) throw error;
      const cached = await cache.reuse(key, etag);
      // Evicted or replaced (another data source on the same store) since its ETag was read: the 304
      // has nothing to replay, so the request is made again without the ETag.
      if (cached === undefined) return requestAndKeep(undefined);
      const replayed = { ...(error.response?.headers ?? {}) } as Record<string, string>;
      if (cached.link !== null && replayed.link === undefined) replayed.link = cached.link;
      return { status: 200, url: endpoint.url, headers: replayed, data: JSON.parse(cached.body) };
    }
  });
}
