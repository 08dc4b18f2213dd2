import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Database } from "../../src/engine/store/database.js";
import { migrate } from "../../src/engine/store/migrations.js";
import { openDatabase } from "../../src/engine/store/open-database.js";

/** The PostgreSQL server on this machine (trust auth); tests create and drop their own databases. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  database: Database;
  dispose(): Promise<void>;
}

export interface DatabaseFactory {
  name: "pglite" | "postgres";
  create(): Promise<TestDatabase>;
}

/** A fresh, empty PostgreSQL database on the test server, for a test that opens it itself (or runs processes on it). */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `portolan_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Embedded PGlite, in memory. */
export const pgliteDatabases: DatabaseFactory = {
  name: "pglite",
  async create() {
    const database = await openDatabase({ dataDirectory: undefined });
    return { database, dispose: () => database.close() };
  },
};

/** A database of its own on the PostgreSQL server, dropped on dispose. */
export const postgresDatabases: DatabaseFactory = {
  name: "postgres",
  async create() {
    const created = await createPostgresDatabase();
    const database = await openDatabase({ databaseUrl: created.url });
    return {
      database,
      async dispose() {
        await database.close();
        await created.drop();
      },
    };
  },
};

/** Both stores, so the same tests prove both behave alike. */
export const databaseFactories: DatabaseFactory[] = [pgliteDatabases, postgresDatabases];

/**
 * One database of `factory` for the tests of the calling file or `describe`, brought back to its
 * freshly migrated state (schema dropped, migrations run again) before every test but the first.
 * Starting PGlite costs seconds per instance (tens under load); this reset costs a fraction of one.
 * Only for tests that leave nothing running against the database when they end (stop worker pools,
 * release locks), since the database itself is not closed between them.
 */
export function useTestDatabase(factory: DatabaseFactory): () => Database {
  let store: TestDatabase | undefined;
  let used = false;
  beforeAll(async () => {
    store = await factory.create();
  });
  beforeEach(async () => {
    if (!store) return;
    if (used) await resetToMigrated(store.database);
    used = true;
  });
  afterAll(async () => {
    await store?.dispose();
  });
  return () => {
    if (!store) throw new Error(`the ${factory.name} test database did not open (see beforeAll)`);
    return store.database;
  };
}

async function resetToMigrated(database: Database): Promise<void> {
  await database.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  await migrate(database);
}
