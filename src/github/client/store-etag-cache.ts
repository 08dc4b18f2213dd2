/**
 * The ETag cache in Portolan's store (table `github_etags`, migration 3), bounded by entry count: past
 * the bound, the least recently used entries go. Bodies larger than `maxBodyBytes` are not kept, nor
 * bodies holding one of the integration's own secrets (a token pasted into a repository's homepage,
 * say): those requests simply stay unconditional, so no secret is ever written at rest.
 *
 * Few statements per request, as the store runs one at a time and requests would queue behind it: the
 * keys and ETags are read into memory once (a few MB at the bound), a body is read only for a 304, and
 * writes (new entries, and the marks of those a 304 used) go behind the requests, gathered for up to
 * `WRITE_DELAY_MS` (a row costs several times less in a batch than alone). Reads and writes each take
 * what is waiting when the store gets to them, not when they were queued: while the store is busy (a
 * catalog batch), everything that arrives meanwhile goes in one statement. A write that is lost (a crash,
 * or a store closed without `flush`) only costs that request again, unconditional, next time.
 */

import { deflateRawSync, inflateRawSync } from "node:zlib";
import { holdsCredential } from "../../engine/secrets/mask-secrets.js";
import type { Database, Queryable } from "../../engine/store/database.js";
import type { CachedResponse, EtagCache } from "./etag-cache.js";

export interface StoreEtagCacheOptions {
  maxEntries?: number;
  maxBodyBytes?: number;
  /** The integration's secrets (token, webhook secret, App key): a body holding one is not kept. */
  knownSecrets?: readonly string[];
}

/**
 * A body as stored: raw DEFLATE at the fastest level (GitHub's JSON shrinks several times even so).
 * Synchronous: Node's asynchronous zlib runs each body through a stream whose main-thread bookkeeping cost
 * more than the compression itself (a resync's 40 MB: about 0.4 s against 0.1–0.2 s).
 */
function deflate(body: string): string {
  return deflateRawSync(Buffer.from(body, "utf8"), { level: 1 }).toString("base64");
}

/** A stored body, or undefined when it does not inflate (the request then goes again without its ETag). */
function inflate(base64: string): string | undefined {
  try {
    return inflateRawSync(Buffer.from(base64, "base64")).toString("utf8");
  } catch {
    return undefined;
  }
}

/** Writes between two checks of the bound, so the count is not read on every write. */
const EVICTION_CHECK_EVERY = 200;
/** At most this many entries, and about this many body bytes, per write statement. */
const WRITE_BATCH_ENTRIES = 100;
const WRITE_BATCH_BYTES = 1_000_000;
/** How long new entries wait for others to share their write (unless a batch is already full). */
const WRITE_DELAY_MS = 100;

interface WaitingRead {
  key: string;
  etag: string;
  resolve(entry: CachedResponse | undefined): void;
  reject(error: unknown): void;
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
  /** Entries waiting for their write: reads are answered from here, then from `uncommitted`. */
  private readonly unwritten = new Map<string, CachedResponse>();
  /**
   * Entries the write under way has sent but not committed: on PostgreSQL a read on another connection
   * would not see them yet, and would send its request again without the ETag.
   */
  private readonly uncommitted = new Map<string, CachedResponse>();
  /** Keys a 304 used since the last write: marked used in the next one. */
  private readonly used = new Set<string>();
  private writing: Promise<void> | undefined;
  private writeTimer: NodeJS.Timeout | undefined;
  private readonly waitingReads: WaitingRead[] = [];
  private reading = false;

  constructor(
    private readonly database: Database,
    options: StoreEtagCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 50_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
    this.knownSecrets = (options.knownSecrets ?? []).filter((secret) => secret.length > 0);
  }

  async etag(key: string): Promise<string | undefined> {
    return (await this.loadIndex()).get(key);
  }

  async reuse(key: string, etag: string): Promise<CachedResponse | undefined> {
    const unwritten = this.unwritten.get(key) ?? this.uncommitted.get(key);
    if (unwritten !== undefined) return unwritten.etag === etag ? unwritten : undefined;
    const entry = await new Promise<CachedResponse | undefined>((resolve, reject) => {
      this.waitingReads.push({ key, etag, resolve, reject });
      if (!this.reading) {
        this.reading = true;
        void this.readWaiting();
      }
    });
    if (entry !== undefined) {
      this.used.add(key);
      this.scheduleWriting();
    }
    return entry;
  }

  async put(key: string, response: CachedResponse): Promise<void> {
    if (Buffer.byteLength(response.body) > this.maxBodyBytes) return;
    // Its own secrets, and credential-shaped text of anyone's (another data source's token in a homepage).
    if (this.knownSecrets.some((secret) => response.body.includes(secret))) return;
    if (holdsCredential(response.body)) return;
    const index = await this.loadIndex();
    index.set(key, response.etag);
    this.unwritten.set(key, response);
    this.scheduleWriting();
  }

  /** Resolves once every entry put (and every use) so far is in the store. */
  async flush(): Promise<void> {
    if (this.unwritten.size > 0 || this.used.size > 0) this.startWriting();
    while (this.writing) await this.writing;
  }

  /** Drops the least recently used entries beyond the bound. */
  async evict(queryable: Queryable = this.database): Promise<void> {
    const { rows } = await queryable.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM github_etags",
    );
    const excess = (rows[0]?.count ?? 0) - this.maxEntries;
    if (excess <= 0) return;
    const { rows: evicted } = await queryable.query<{ request_key: string }>(
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

  private scheduleWriting(): void {
    if (this.unwritten.size >= WRITE_BATCH_ENTRIES) this.startWriting();
    else this.writeTimer ??= setTimeout(() => this.startWriting(), WRITE_DELAY_MS);
  }

  /** Queues a write, which takes what is waiting once the store runs it (more may arrive meanwhile). */
  private startWriting(): void {
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    this.writing ??= this.database
      .transaction((tx) => this.writeWaiting(tx))
      .then(
        () => this.uncommitted.clear(),
        () => this.forgetUnwritten(),
      )
      .finally(() => {
        this.writing = undefined;
        if (this.unwritten.size > 0 || this.used.size > 0) this.scheduleWriting();
      });
  }

  /**
   * A write failed (the store closing under a late one): what waited is dropped rather than tried
   * forever; those requests are simply unconditional next time.
   */
  private async forgetUnwritten(): Promise<void> {
    const index = await this.loadIndex().catch(() => new Map<string, string>());
    for (const [key, entry] of [...this.uncommitted, ...this.unwritten])
      if (index.get(key) === entry.etag) index.delete(key);
    this.uncommitted.clear();
    this.unwritten.clear();
    this.used.clear();
  }

  private async writeWaiting(tx: Queryable): Promise<void> {
    const used = [...this.used].filter((key) => !this.unwritten.has(key));
    this.used.clear();
    let written = 0;
    while (this.unwritten.size > 0) {
      const batch = this.takeBatch();
      // Rows as one JSON parameter: PGlite passes a text[] or bytea[] parameter through a JavaScript
      // array literal escaper three times slower than JSON.stringify (10 MB: 850 ms against 270 ms).
      const rows = batch.map(([key, entry]) => ({
        request_key: key,
        etag: entry.etag,
        body: deflate(entry.body),
        link: entry.link,
      }));
      await tx.query(
        `INSERT INTO github_etags (request_key, etag, body, link, used_at)
         SELECT e.request_key, e.etag, decode(e.body, 'base64'), e.link, clock_timestamp()
         FROM json_to_recordset($1::json) AS e(request_key text, etag text, body text, link text)
         ON CONFLICT (request_key) DO UPDATE SET etag = EXCLUDED.etag, body = EXCLUDED.body,
           link = EXCLUDED.link, used_at = EXCLUDED.used_at`,
        [JSON.stringify(rows)],
      );
      for (const [key, entry] of batch) {
        if (this.unwritten.get(key) !== entry) continue;
        this.unwritten.delete(key);
        this.uncommitted.set(key, entry);
      }
      written += batch.length;
    }
    if (used.length > 0) {
      await tx.query(
        "UPDATE github_etags SET used_at = clock_timestamp() WHERE request_key = ANY($1::text[])",
        [used],
      );
    }
    this.writesSinceCheck += written;
    if (written > 0 && (!this.boundChecked || this.writesSinceCheck >= EVICTION_CHECK_EVERY)) {
      this.boundChecked = true;
      this.writesSinceCheck = 0;
      await this.evict(tx);
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

  /** Reads every body waiting when the store gets to it in one statement, until none waits. */
  private async readWaiting(): Promise<void> {
    // 304s answered in the same turn of the event loop (their sockets read together) share a statement.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waitingReads.length > 0) {
      let taken: WaitingRead[] = [];
      let found = new Map<string, { etag: string; body: string; link: string | null }>();
      try {
        await this.database.inTurn(async (store) => {
          taken = this.waitingReads.splice(0);
          const { rows } = await store.query<{
            request_key: string;
            etag: string;
            body: string;
            link: string | null;
          }>(
            // By key (the primary key's index), the ETag compared here: a join would scan the table.
            // Base64 text: PGlite hands bytea over as hex that JavaScript would parse character by character.
            `SELECT request_key, etag, encode(body, 'base64') AS body, link FROM github_etags
             WHERE request_key = ANY($1::text[])`,
            [taken.map(({ key }) => key)],
          );
          found = new Map(rows.map((row) => [row.request_key, row]));
        });
        // Inflated once the store's turn is over, so other statements need not wait for it.
        for (const { key, etag, resolve } of taken) {
          const row = found.get(key);
          const body = row?.etag === etag ? inflate(row.body) : undefined;
          resolve(row && body !== undefined ? { etag: row.etag, body, link: row.link } : undefined);
        }
      } catch (error) {
        for (const { reject } of taken) reject(error);
      }
    }
    this.reading = false;
  }
}
