/**
 * The ETag cache in Portolan's store (table `github_etags`, migration 3), bounded by entry count: past
 * the bound, the least recently used entries go. Bodies larger than `maxBodyBytes` are not kept, nor
 * bodies holding one of the integration's own secrets (a token pasted into a repository's homepage,
 * say): those requests simply stay unconditional, so no secret is ever written at rest.
 *
 * Few statements per request, as the store runs one at a time and requests would queue behind it: the
 * keys and ETags are read into memory once (a few MB at the bound), a body is read only for a 304, and
 * writes go behind the requests, the ones made while a write is in flight together in the next. A write
 * that is lost (a crash mid-resync) only costs that request again, unconditional, next time.
 */

import { GroupCommit } from "../../engine/events/group-commit.js";
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
/** At most this many entries, and about this many body bytes, per write statement. */
const WRITE_BATCH_ENTRIES = 100;
const WRITE_BATCH_BYTES = 4_000_000;

interface Reuse {
  key: string;
  etag: string;
}

export class StoreEtagCache implements EtagCache {
  private readonly maxEntries: number;
  private readonly maxBodyBytes: number;
  private readonly knownSecrets: readonly string[];
  private writesSinceCheck = 0;
  /** The bound is checked on the first write too (it may have been lowered since the last run). */
  private boundChecked = false;
  /** Request key → ETag of every entry stored or waiting to be, read from the store once. */
  private index: Promise<Map<string, string>> | undefined;
  /** Entries not yet in the store (until their write is done, reads are answered from here). */
  private readonly unwritten = new Map<string, CachedResponse>();
  private writing: Promise<void> | undefined;
  private readonly reuses: GroupCommit<Reuse, CachedResponse | undefined>;

  constructor(
    private readonly database: Database,
    options: StoreEtagCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 50_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
    this.knownSecrets = (options.knownSecrets ?? []).filter((secret) => secret.length > 0);
    // 304s that arrive together are read (and touched) in one statement.
    this.reuses = new GroupCommit({
      write: (wanted) => this.readAndTouch(wanted),
      maxItems: WRITE_BATCH_ENTRIES,
      maxBytes: Number.POSITIVE_INFINITY,
      sizeOf: () => 0,
    });
  }

  async etag(key: string): Promise<string | undefined> {
    return (await this.loadIndex()).get(key);
  }

  async reuse(key: string, etag: string): Promise<CachedResponse | undefined> {
    const unwritten = this.unwritten.get(key);
    if (unwritten !== undefined) return unwritten.etag === etag ? unwritten : undefined;
    return this.reuses.submit({ key, etag });
  }

  async put(key: string, response: CachedResponse): Promise<void> {
    if (Buffer.byteLength(response.body) > this.maxBodyBytes) return;
    // Its own secrets, and credential-shaped text of anyone's (another data source's token in a homepage).
    if (this.knownSecrets.some((secret) => response.body.includes(secret))) return;
    if (holdsCredential(response.body)) return;
    const index = await this.loadIndex();
    index.set(key, response.etag);
    this.unwritten.set(key, response);
    this.writing ??= this.writeUnwritten();
  }

  /** Resolves once every entry put so far is in the store. */
  async flush(): Promise<void> {
    await this.writing;
  }

  /** Drops the least recently used entries beyond the bound. */
  async evict(): Promise<void> {
    const { rows } = await this.database.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM github_etags",
    );
    const excess = (rows[0]?.count ?? 0) - this.maxEntries;
    if (excess <= 0) return;
    const { rows: evicted } = await this.database.query<{ request_key: string }>(
      `DELETE FROM github_etags WHERE request_key IN
         (SELECT request_key FROM github_etags ORDER BY used_at ASC LIMIT $1) RETURNING request_key`,
      [excess],
    );
    const index = await this.loadIndex();
    for (const { request_key } of evicted) if (!this.unwritten.has(request_key)) index.delete(request_key);
  }

  private loadIndex(): Promise<Map<string, string>> {
    this.index ??= this.database
      .query<{ request_key: string; etag: string }>("SELECT request_key, etag FROM github_etags")
      .then(({ rows }) => new Map(rows.map((row) => [row.request_key, row.etag])))
      .catch((error: unknown) => {
        this.index = undefined;
        throw error;
      });
    return this.index;
  }

  /** Writes what was put, in batches, until nothing is left; started by the first put when idle. */
  private async writeUnwritten(): Promise<void> {
    try {
      while (this.unwritten.size > 0) {
        const batch = this.takeBatch();
        try {
          await this.database.query(
            `INSERT INTO github_etags (request_key, etag, body, link, used_at)
             SELECT e.request_key, e.etag, e.body, e.link, clock_timestamp()
             FROM json_to_recordset($1::json) AS e(request_key text, etag text, body text, link text)
             ON CONFLICT (request_key) DO UPDATE SET etag = EXCLUDED.etag, body = EXCLUDED.body,
               link = EXCLUDED.link, used_at = EXCLUDED.used_at`,
            [JSON.stringify(batch.map(([key, entry]) => ({ request_key: key, ...entry })))],
          );
        } catch {
          // The store closing under a late write: those requests are simply unconditional next time.
          const index = await this.loadIndex();
          for (const [key, entry] of batch) if (index.get(key) === entry.etag) index.delete(key);
        } finally {
          for (const [key, entry] of batch) if (this.unwritten.get(key) === entry) this.unwritten.delete(key);
        }
        this.writesSinceCheck += batch.length;
        if (!this.boundChecked || this.writesSinceCheck >= EVICTION_CHECK_EVERY) {
          this.boundChecked = true;
          this.writesSinceCheck = 0;
          await this.evict().catch(() => undefined);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  /** The oldest unwritten entries (in put order), at most a batch; they stay readable until written. */
  private takeBatch(): Array<[string, CachedResponse]> {
    const batch: Array<[string, CachedResponse]> = [];
    let bytes = 0;
    for (const entry of this.unwritten) {
      bytes += entry[1].body.length;
      if (batch.length > 0 && (batch.length === WRITE_BATCH_ENTRIES || bytes > WRITE_BATCH_BYTES)) break;
      batch.push(entry);
    }
    return batch;
  }

  private async readAndTouch(wanted: readonly Reuse[]): Promise<Array<CachedResponse | undefined>> {
    const { rows } = await this.database.query<{
      request_key: string;
      etag: string;
      body: string;
      link: string | null;
    }>(
      `UPDATE github_etags g SET used_at = clock_timestamp()
       FROM json_to_recordset($1::json) AS w(request_key text, etag text)
       WHERE g.request_key = w.request_key AND g.etag = w.etag
       RETURNING g.request_key, g.etag, g.body, g.link`,
      [JSON.stringify(wanted.map(({ key, etag }) => ({ request_key: key, etag })))],
    );
    const found = new Map(rows.map((row) => [row.request_key, row]));
    return wanted.map(({ key }) => {
      const row = found.get(key);
      return row && { etag: row.etag, body: row.body, link: row.link };
    });
  }
}
