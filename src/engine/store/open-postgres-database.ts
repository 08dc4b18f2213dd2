import pg from "pg";
import { PortolanError } from "../errors/portolan-error.js";
import type { Database, Queryable, SqlParameter } from "./database.js";

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row extends Record<string, unknown>>(sql: string, parameters: readonly SqlParameter[] = []) {
      const result = await client.query<Row>(sql, parameters as unknown[]);
      return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
    },
  };
}

/** A PostgreSQL server through `DATABASE_URL`, for teams that outgrow one machine. */
export async function openPostgresDatabase(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection the server drops (restart, pg_terminate_backend) is an 'error' event, which
  // unhandled would end the process; the pool discards that client and the next query reconnects.
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new PortolanError("STORE_OPEN_FAILED", `Cannot connect to PostgreSQL at DATABASE_URL`, {
      hint: "Check DATABASE_URL (postgres://user:password@host:5432/database) and that the server is running.",
      cause: error,
    });
  }
  const self = wrap(pool);
  return {
    kind: "postgres",
    query: self.query,
    priority: self,
    inTurn: (work) => work(self),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(wrap(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    async tryLock(name) {
      // A session lock lives on one connection: that connection is kept out of the pool until release.
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ locked: boolean }>(
          "SELECT pg_try_advisory_lock(hashtext($1)) AS locked",
          [name],
        );
        if (!rows[0]?.locked) {
          client.release();
          return undefined;
        }
      } catch (error) {
        client.release();
        throw error;
      }
      return async () => {
        try {
          await client.query("SELECT pg_advisory_unlock(hashtext($1))", [name]);
        } finally {
          client.release();
        }
      };
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
