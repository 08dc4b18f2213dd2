import type { Database } from "./database.js";
import { migrate } from "./migrations.js";
import { openPgliteDatabase } from "./open-pglite-database.js";
import { openPostgresDatabase } from "./open-postgres-database.js";

export interface OpenDatabaseOptions {
  /** `postgres://…` selects PostgreSQL; otherwise the embedded store is used. */
  databaseUrl?: string | undefined;
  /** Data directory of the embedded store; `undefined` keeps it in memory (tests). */
  dataDirectory?: string | undefined;
}

/** Opens the store and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgresDatabase(options.databaseUrl)
    : await openPgliteDatabase(options.dataDirectory);
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
