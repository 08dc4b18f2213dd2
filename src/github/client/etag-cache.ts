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
  get(key: string): Promise<CachedResponse | undefined>;
  put(key: string, response: CachedResponse): Promise<void>;
  /** The entry answered a 304 (keeps it from being evicted first). */
  touch(key: string): Promise<void>;
}

/**
 * The cache a client uses, set once the store is open (the integration, and so its clients, is created
 * before the store). Until then requests are unconditional.
 */
export interface EtagCacheSlot {
  cache: EtagCache | undefined;
}
