import { describe, expect, it } from "vitest";
import { migrate } from "../../../src/engine/store/migrations.js";
import { databaseFactories } from "../../support/databases.js";

describe.each(databaseFactories)("migrations on $name", (factory) => {
  it("applies every migration once and is idempotent", async () => {
    const store = await factory.create();
    try {
      const { rows } = await store.database.query<{ version: number }>(
        "SELECT version FROM schema_migrations",
      );
      expect(rows.map((row) => row.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await migrate(store.database)).toEqual([]);
      const tables = await store.database.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual([
        "access_tokens",
        "accounts",
        "api_clients",
        "blueprints",
        "data_sources",
        "entities",
        "github_etags",
        "mapping_versions",
        "port_integrations",
        "raw_examples",
        "resync_seen",
        "resyncs",
        "schema_migrations",
        "secrets",
        "sync_cursors",
        "webhook_delivery_marks",
        "webhook_inbox",
      ]);
    } finally {
      await store.dispose();
    }
  });

  it("rolls a failed transaction back entirely", async () => {
    const store = await factory.create();
    try {
      await expect(
        store.database.transaction(async (tx) => {
          await tx.query("INSERT INTO blueprints (identifier, definition) VALUES ('x', '{}')");
          await tx.query("INSERT INTO blueprints (identifier, definition) VALUES ('x', '{}')");
        }),
      ).rejects.toThrow();
      const { rows } = await store.database.query("SELECT * FROM blueprints");
      expect(rows).toEqual([]);
    } finally {
      await store.dispose();
    }
  });
});
