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
