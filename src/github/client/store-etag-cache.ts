/**
 * The ETag cache in Portolan's store (table `github_etags`, migration 3), bounded by entry count: past
 * the bound, the least recently used entries go. Bodies larger than `maxBodyBytes` are not kept, nor
 * bodies holding one of the integration's own secrets (a token pasted into a repository's homepage,
 * say): those requests simply stay unconditional, so no secret is ever written at rest.
 */

import { holdsCredential } from "../../engine/secrets/mask-secrets.js";
import type { Database } from "../../engine/store/database.js";
import type { CachedResponse, EtagCache } from "./etag-cache.js";

export interface StoreEtagCacheOptions {
  maxEntries?: number;
  maxBodyBytes?: number;
  /** The integration's secrets (token, webhook secret, App key): a body holding one is not kept. */
  knownSecrets?: readonly string[];
}

/** Writes between two checks of the bound, so the count is not read on every write. */
const EVICTION_CHECK_EVERY = 200;

export class StoreEtagCache implements EtagCache {
  private readonly maxEntries: number;
  private readonly maxBodyBytes: number;
  private readonly knownSecrets: readonly string[];
  private writesSinceCheck = 0;

  constructor(
    private readonly database: Database,
    options: StoreEtagCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 50_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
    this.knownSecrets = (options.knownSecrets ?? []).filter((secret) => secret.length > 0);
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const { rows } = await this.database.query<{ etag: string; body: string; link: string | null }>(
      "SELECT etag, body, link FROM github_etags WHERE request_key = $1",
      [key],
    );
    return rows[0];
  }

  async put(key: string, response: CachedResponse): Promise<void> {
    if (Buffer.byteLength(response.body) > this.maxBodyBytes) return;
    // Its own secrets, and credential-shaped text of anyone's (another data source's token in a homepage).
    if (this.knownSecrets.some((secret) => response.body.includes(secret))) return;
    if (holdsCredential(response.body)) return;
    await this.database.query(
      `INSERT INTO github_etags (request_key, etag, body, link, used_at) VALUES ($1, $2, $3, $4, clock_timestamp())
       ON CONFLICT (request_key) DO UPDATE SET etag = $2, body = $3, link = $4, used_at = clock_timestamp()`,
      [key, response.etag, response.body, response.link],
    );
    this.writesSinceCheck += 1;
    if (this.writesSinceCheck === 1 || this.writesSinceCheck >= EVICTION_CHECK_EVERY) {
      this.writesSinceCheck = 1;
      await this.evict();
    }
  }

  async touch(key: string): Promise<void> {
    await this.database.query("UPDATE github_etags SET used_at = clock_timestamp() WHERE request_key = $1", [
      key,
    ]);
  }

  /** Drops the least recently used entries beyond the bound. */
  async evict(): Promise<void> {
    const { rows } = await this.database.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM github_etags",
    );
    const excess = (rows[0]?.count ?? 0) - this.maxEntries;
    if (excess <= 0) return;
    await this.database.query(
      `DELETE FROM github_etags WHERE request_key IN
         (SELECT request_key FROM github_etags ORDER BY used_at ASC LIMIT $1)`,
      [excess],
    );
  }
}
