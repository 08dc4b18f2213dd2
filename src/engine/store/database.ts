/**
 * The one database Portolan keeps everything in: catalog, webhook inbox, resync history, settings,
 * secrets and the ETag cache. Two implementations share this interface and the same migrations:
 * embedded PGlite (the default) and PostgreSQL through `DATABASE_URL`.
 */
export type SqlParameter = string | number | boolean | null | Date | Buffer | readonly unknown[] | object;

export interface Queryable {
  query<Row extends Record<string, unknown>>(
    sql: string,
    parameters?: readonly SqlParameter[],
  ): Promise<{ rows: Row[]; affectedRows: number }>;
}

export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  /**
   * Statements that go before waiting ordinary ones (the webhook intake, which owes GitHub a 202):
   * on the embedded store, which runs one statement at a time; on PostgreSQL the same as `query`,
   * as its connections run side by side.
   */
  readonly priority: Queryable;
  /**
   * Runs `work` when the store gets to it, without a transaction: on the embedded store after the
   * statements queued before it (they run one at a time), on PostgreSQL at once. For reads that take,
   * when they run, whatever has waited meanwhile (one statement for many callers, and no BEGIN/COMMIT:
   * about 0.15 ms a statement on the embedded store).
   */
  inTurn<T>(work: (store: Queryable) => Promise<T>): Promise<T>;
  /** Runs `work` in one transaction: all of it is stored, or none of it. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Takes the named lock for this process if no one holds it — on PostgreSQL a session advisory
   * lock, so replicas sharing the database exclude each other; PGlite is single-process and always
   * grants it. Returns its release, or undefined when another holder has it.
   */
  tryLock(name: string): Promise<(() => Promise<void>) | undefined>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
