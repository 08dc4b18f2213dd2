import type { Database } from "./database.js";

/**
 * Schema changes in order. A migration is never edited once released: add a new one instead.
 * Each runs in its own transaction together with its version row.
 */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "catalog, resync history and webhook inbox",
    sql: `
      CREATE TABLE blueprints (
        identifier text PRIMARY KEY,
        -- json, not jsonb: a blueprint's property order is what the portal shows.
        definition json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE TABLE entities (
        blueprint text NOT NULL REFERENCES blueprints (identifier) ON DELETE CASCADE,
        identifier text NOT NULL,
        title text,
        icon text,
        team jsonb,
        properties jsonb NOT NULL DEFAULT '{}'::jsonb,
        relations jsonb NOT NULL DEFAULT '{}'::jsonb,
        data_source text NOT NULL,
        last_seen_resync text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (blueprint, identifier)
      );
      CREATE INDEX entities_data_source_updated ON entities (data_source, updated_at);
      CREATE TABLE resyncs (
        id text PRIMARY KEY,
        data_source text NOT NULL,
        trigger text NOT NULL,
        status text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        summary jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX resyncs_data_source_started ON resyncs (data_source, started_at DESC);
      CREATE TABLE webhook_inbox (
        sequence bigserial PRIMARY KEY,
        delivery_id text NOT NULL UNIQUE,
        data_source text NOT NULL,
        event text NOT NULL,
        group_key text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        attempts integer NOT NULL DEFAULT 0,
        error text,
        received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        available_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        claimed_by text,
        lease_expires_at timestamptz,
        finished_at timestamptz
      );
      CREATE TABLE accounts (
        username text PRIMARY KEY,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE TABLE api_clients (
        client_id text PRIMARY KEY,
        secret_hash text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE TABLE access_tokens (
        token_hash text PRIMARY KEY,
        subject text NOT NULL,
        kind text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX webhook_inbox_pending ON webhook_inbox (data_source, status, sequence);
      CREATE INDEX webhook_inbox_group ON webhook_inbox (data_source, group_key, sequence)
    `,
  },
  {
    version: 2,
    name: "keys seen per resync, raw data examples",
    sql: `
      -- A resync records the keys it saw here instead of rewriting every entity row, so an
      -- unchanged entity is not written at all. Rows are dropped when the resync ends.
      CREATE TABLE resync_seen (
        resync_id text NOT NULL,
        blueprint text NOT NULL,
        identifier text NOT NULL,
        PRIMARY KEY (resync_id, blueprint, identifier)
      );
      ALTER TABLE entities DROP COLUMN last_seen_resync;
      CREATE TABLE raw_examples (
        sequence bigserial PRIMARY KEY,
        data_source text NOT NULL,
        kind text NOT NULL,
        example jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX raw_examples_kind ON raw_examples (data_source, kind, sequence DESC);
    `,
  },
  {
    version: 3,
    name: "GitHub ETag cache, incremental sync cursors",
    sql: `
      -- Conditional GitHub GETs: per request key (a hash of method, URL and media type, no credential)
      -- the ETag and body to replay on a free 304. Bounded by entry count, least recently used first out.
      CREATE TABLE github_etags (
        request_key text PRIMARY KEY,
        etag text NOT NULL,
        body text NOT NULL,
        link text,
        used_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX github_etags_used ON github_etags (used_at);
      -- Where the next incremental run of a mapping resource starts: the start of its last successful run.
      CREATE TABLE sync_cursors (
        data_source text NOT NULL,
        kind text NOT NULL,
        resource_index integer NOT NULL,
        cursor timestamptz NOT NULL,
        PRIMARY KEY (data_source, kind, resource_index)
      );
    `,
  },
  {
    version: 4,
    name: "data sources and encrypted secrets",
    sql: `
      -- Data sources added in the portal or the API (the one from settings, env or config.yaml, is not stored).
      CREATE TABLE data_sources (
        id text PRIMARY KEY,
        name text NOT NULL,
        integration text NOT NULL,
        installation_method text NOT NULL,
        -- The integration settings without the sensitive ones, which live in secrets.
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        resync_interval_minutes integer NOT NULL,
        send_raw_data_examples boolean NOT NULL,
        mapping text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      -- AES-256-GCM: base64 of the 12-byte IV, the auth tag and the ciphertext, never the plaintext.
      CREATE TABLE secrets (
        owner text NOT NULL,
        setting text NOT NULL,
        iv text NOT NULL,
        auth_tag text NOT NULL,
        ciphertext text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (owner, setting)
      );
    `,
  },
  {
    version: 5,
    name: "webhook delivery marks",
    sql: `
      -- Per source webhook, the newest delivery attempt (the source's id and delivered_at text) up to
      -- which missed deliveries were looked for: the next start lists only newer attempts.
      CREATE TABLE webhook_delivery_marks (
        data_source text NOT NULL,
        hook text NOT NULL,
        attempt_id bigint NOT NULL,
        delivered_at text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (data_source, hook)
      );
    `,
  },
  {
    version: 6,
    name: "integrations registered through Port's API",
    sql: `
      -- What an Ocean integration writing to Portolan's Port API keeps about itself: its mapping
      -- (config) and resync state. The entities it writes live in the catalog.
      CREATE TABLE port_integrations (
        identifier text PRIMARY KEY,
        installation_app_type text,
        version text,
        config jsonb NOT NULL DEFAULT '{}'::jsonb,
        resync_state jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )
    `,
  },
  {
    version: 7,
    name: "mapping versions per data source",
    sql: `
      -- Every saved mapping, so a bad save can be reverted. The newest row is the one in use.
      CREATE TABLE mapping_versions (
        data_source text NOT NULL,
        version integer NOT NULL,
        text text NOT NULL,
        saved_by text NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (data_source, version)
      )
    `,
  },
  {
    version: 8,
    name: "webhook inbox indexes on unfinished events",
    sql: `
      -- A claim looks only at unfinished events: these partial indexes stay as small as the queue,
      -- however many finished rows the inbox keeps, where the full group index grew with history.
      CREATE INDEX webhook_inbox_unfinished ON webhook_inbox (data_source, sequence)
        WHERE status IN ('queued', 'processing');
      CREATE INDEX webhook_inbox_unfinished_group ON webhook_inbox (data_source, group_key, sequence)
        WHERE status IN ('queued', 'processing');
      DROP INDEX webhook_inbox_group
    `,
  },
  {
    version: 9,
    name: "ETag bodies stored deflated",
    sql: `
      -- Bodies are deflated by Portolan (off the main thread) before they are stored: a resync's
      -- listing pages are tens of MB of JSON, which the store spent more time writing and reading than
      -- any other statement of a resync. The cache starts empty again: the next resync refills it.
      DELETE FROM github_etags;
      ALTER TABLE github_etags DROP COLUMN body;
      ALTER TABLE github_etags ADD COLUMN body bytea NOT NULL
    `,
  },
];

export async function migrate(database: Database): Promise<number[]> {
  await database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
  )`);
  const { rows } = await database.query<{ version: number }>("SELECT version FROM schema_migrations");
  const applied = new Set(rows.map((row) => row.version));
  const newlyApplied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    await database.transaction(async (tx) => {
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
    });
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}

/** Migrations hold no semicolons inside literals, so a plain split is exact. */
function splitStatements(sql: string): string[] {
  return sql
    .split(";")
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
