import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Database } from "../../src/engine/store/database.js";
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

/** Both stores, so the same tests prove both behave alike. */
export const databaseFactories: DatabaseFactory[] = [
  {
    name: "pglite",
    async create() {
      const database = await openDatabase({ dataDirectory: undefined });
      return { database, dispose: () => database.close() };
    },
  },
  {
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
  },
];
