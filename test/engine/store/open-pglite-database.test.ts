import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/engine/store/open-database.js";

describe("the embedded store on disk", () => {
  it("initializes a new data directory (initdb in a child process) and finds its data when reopened", async () => {
    const dataDirectory = await mkdtemp(join(tmpdir(), "portolan-pglite-"));
    try {
      const first = await openDatabase({ dataDirectory });
      try {
        expect((await readFile(join(dataDirectory, "PG_VERSION"), "utf8")).trim()).toMatch(/^\d+$/);
        await first.query("INSERT INTO blueprints (identifier, definition) VALUES ('kept', '{}')");
      } finally {
        await first.close();
      }
      const second = await openDatabase({ dataDirectory });
      try {
        const { rows } = await second.query<{ identifier: string }>("SELECT identifier FROM blueprints");
        expect(rows).toEqual([{ identifier: "kept" }]);
        const buffers = await second.query<{ shared_buffers: string }>("SHOW shared_buffers");
        expect(buffers.rows[0]?.shared_buffers).toBe("32MB");
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });

  it("says which directory it cannot open", async () => {
    const parent = await mkdtemp(join(tmpdir(), "portolan-pglite-"));
    const blocked = join(parent, "file");
    try {
      await writeFile(blocked, "not a directory");
      await expect(openDatabase({ dataDirectory: join(blocked, "data") })).rejects.toMatchObject({
        code: "STORE_OPEN_FAILED",
      });
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

describe("the embedded store's inTurn", () => {
  it("runs its work after the statements queued before it, outside a transaction, before those queued after", async () => {
    const database = await openDatabase({});
    try {
      const order: string[] = [];
      const before = database
        .query("SELECT count(*) FROM generate_series(1, 200000)")
        .then(() => order.push("before"));
      const inTurn = database.inTurn(async (store) => {
        order.push("in turn");
        // A savepoint exists only in a transaction block: refused here.
        await expect(store.query("SAVEPOINT probe")).rejects.toThrow(/transaction block/);
      });
      const after = database.query("SELECT 1").then(() => order.push("after"));
      await Promise.all([before, inTurn, after]);
      expect(order).toEqual(["before", "in turn", "after"]);
    } finally {
      await database.close();
    }
  });
});
