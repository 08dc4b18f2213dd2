import type { Database } from "../../engine/store/database.js";
import type { GitHubIntegration } from "../create-github-integration.js";
import { StoreEtagCache } from "./store-etag-cache.js";

/**
 * Keeps the integration's ETags and remembered reads in the catalog's store, never a body holding one
 * of its own secrets. Returns the cache, to `flush` before the store closes.
 */
export function attachStoreEtagCache(integration: GitHubIntegration, database: Database): StoreEtagCache {
  const cache = new StoreEtagCache(database, { knownSecrets: integration.secretValues?.() ?? [] });
  integration.attachEtagCache(cache);
  return cache;
}
