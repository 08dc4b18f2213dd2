/**
 * Where conditional requests keep what they need: per request key, the `ETag` GitHub gave and the body
 * (with the `Link` header, so a replayed page still leads to the next). A `304 Not Modified` is free
 * on GitHub, so an unchanged resync costs little quota.
 */
export interface CachedResponse {
  etag: string;
  /** The response body as JSON text. */
  body: string;
  link: string | null;
}

export interface EtagCache {
  /** The ETag kept for `key`, without its body (which only a 304 needs). */
  etag(key: string): Promise<string | undefined>;
  /**
   * The body kept for `key` under `etag`, marked as used (so it is not evicted first); `undefined` when
   * it is gone or was replaced meanwhile (the caller then asks again without the ETag).
   */
  reuse(key: string, etag: string): Promise<CachedResponse | undefined>;
  put(key: string, response: CachedResponse): Promise<void>;
}

/**
 * The cache a client uses, set once the store is open (the integration, and so its clients, is created
 * before the store). Until then requests are unconditional.
 */
export interface EtagCacheSlot {
  cache: EtagCache | undefined;
}
