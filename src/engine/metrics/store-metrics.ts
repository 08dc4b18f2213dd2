import { Gauge, Registry } from "prom-client";
import type { Database } from "../store/database.js";

/**
 * Prometheus metrics read from the store at scrape time, so that they are true for every replica
 * sharing it and need no bookkeeping on the hot paths: resyncs per status, the last resync's
 * duration and counts per kind, webhook events per status and the age of the oldest waiting one.
 */
export function createStoreMetrics(database: Database): Registry {
  const registry = new Registry();
  new Gauge({
    name: "portolan_resyncs",
    help: "Resyncs recorded, by data source and status (running, completed, failed, skipped)",
    labelNames: ["data_source", "status"],
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await database.query<{ data_source: string; status: string; total: number }>(
        "SELECT data_source, status, count(*)::int AS total FROM resyncs GROUP BY data_source, status",
      );
      for (const row of rows) this.set({ data_source: row.data_source, status: row.status }, row.total);
    },
  });
  const lastResyncs = async () =>
    (
      await database.query<{
        data_source: string;
        status: string;
        seconds: number;
        kinds: Record<string, Record<string, number>> | null;
      }>(
        `SELECT DISTINCT ON (data_source) data_source, status,
           extract(epoch FROM finished_at - started_at)::float8 AS seconds, summary->'kinds' AS kinds
         FROM resyncs WHERE finished_at IS NOT NULL AND status <> 'skipped'
         ORDER BY data_source, started_at DESC`,
      )
    ).rows;
  new Gauge({
    name: "portolan_last_resync_duration_seconds",
    help: "Duration of the last finished resync, by data source",
    labelNames: ["data_source", "status"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await lastResyncs())
        this.set({ data_source: row.data_source, status: row.status }, row.seconds);
    },
  });
  new Gauge({
    name: "portolan_last_resync_entities",
    help: "Counts of the last finished resync per kind: seen, upserted, unchanged, failed, deleted, …",
    labelNames: ["data_source", "kind", "count"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await lastResyncs()) {
        for (const [kind, counts] of Object.entries(row.kinds ?? {})) {
          for (const [count, value] of Object.entries(counts)) {
            this.set({ data_source: row.data_source, kind, count }, value);
          }
        }
      }
    },
  });
  new Gauge({
    name: "portolan_webhook_events",
    help: "Webhook deliveries in the inbox, by data source, event and status (queued, processing, done, failed)",
    labelNames: ["data_source", "event", "status"],
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await database.query<{
        data_source: string;
        event: string;
        status: string;
        total: number;
      }>(
        "SELECT data_source, event, status, count(*)::int AS total FROM webhook_inbox GROUP BY data_source, event, status",
      );
      for (const row of rows)
        this.set({ data_source: row.data_source, event: row.event, status: row.status }, row.total);
    },
  });
  new Gauge({
    name: "portolan_webhook_queue_age_seconds",
    help: "Age of the oldest webhook delivery not yet applied, by data source (0 when none waits)",
    labelNames: ["data_source"],
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await database.query<{ data_source: string; seconds: number }>(
        `SELECT data_source, extract(epoch FROM clock_timestamp() - min(received_at))::float8 AS seconds
         FROM webhook_inbox WHERE status IN ('queued', 'processing') GROUP BY data_source`,
      );
      for (const row of rows) this.set({ data_source: row.data_source }, row.seconds);
    },
  });
  return registry;
}
