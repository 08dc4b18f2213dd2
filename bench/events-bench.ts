import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Fastify from "fastify";
import pg from "pg";
import { z } from "zod";
import { LocalCatalog } from "../src/engine/catalog/local-catalog.js";
import { DataSource } from "../src/engine/data-source/data-source.js";
import { asIntegrationKind, type Integration } from "../src/engine/integration/integration.js";
import { silentLogger } from "../src/engine/logging/create-logger.js";
import { createStoreMetrics } from "../src/engine/metrics/store-metrics.js";
import type { Database } from "../src/engine/store/database.js";
import { openDatabase } from "../src/engine/store/open-database.js";
import { AuthStore } from "../src/server/auth/auth-store.js";
import { createServer } from "../src/server/create-server.js";
import type { SendReport } from "./send-deliveries.js";

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const PACED_DELIVERIES = 200;
/** The goal rate: answer times measured while deliveries arrive at it, open loop. */
const GOAL_RATE = 1_000;
const RATE_DELIVERIES = 3_000;
const PACE_MS = 20;
const SENDER = fileURLToPath(new URL("./send-deliveries.js", import.meta.url));
/** The PostgreSQL server the bench creates its own database on (trust auth on loopback, as in tests). */
const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const MAPPING = `
resources:
  - kind: service
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .id
          title: .name
          blueprint: '"benchService"'
          properties:
            group: .group
            sentAt: .sent_at
`;

/**
 * A source whose live events carry the changed object (GitHub's processors re-fetch it, which would
 * measure the GitHub API instead of Portolan): one `service` per delivery, 50 groups.
 */
function benchIntegration(): Integration {
  return {
    type: "bench",
    kinds: [
      asIntegrationKind({
        name: "service",
        selectorSchema: z.looseObject({ query: z.string() }),
        async *list() {},
      }),
    ],
    kindsTouchedBy: (event) => (event.name === "service" ? ["service"] : []),
    handleEvent: async (event, resource) => {
      const service = event.payload.service as Record<string, unknown>;
      return { kind: resource.kind, upserted: [{ ...service, sent_at: event.payload.sent_at }], deleted: [] };
    },
    groupKey: (event) => `service-${(event.payload.service as { group: number }).group}`,
    defaultBlueprints: () => [
      {
        identifier: "benchService",
        title: "Service",
        schema: { properties: { group: { type: "number" }, sentAt: { type: "number" } }, required: [] },
      },
    ],
    defaultMapping: () => MAPPING,
  };
}

/**
 * `npm run bench -- events`: signed deliveries sent from another process on loopback to Portolan's
 * webhook endpoint (embedded catalog on disk, then PostgreSQL when `BENCH_POSTGRES_URL`'s server answers;
 * `BENCH_WORKERS` workers), against a bare fastify endpoint answering 202 measured in the same run.
 * Prints the most deliveries/s accepted (closed loop), p50/p99 time to 202 with deliveries offered at
 * the goal rate (open loop), the time to drain the inbox, and event → catalog latency at a paced rate.
 * Goals (issue 8): ≥ 1,000/s, p99 < 25 ms, event → catalog p50 < 50 ms.
 */
export async function eventsBench(): Promise<void> {
  const secret = randomBytes(16).toString("hex");
  process.stdout.write(
    `events bench: ${DELIVERIES} deliveries, ${CONCURRENCY} concurrent senders in another process, ${WORKERS} workers, Node ${process.version}\n`,
  );

  const reference = Fastify({ logger: false });
  reference.post("/integration/webhook", async (_request, reply) =>
    reply.code(202).send({ status: "queued" }),
  );
  const referenceUrl = await reference.listen({ host: "127.0.0.1", port: 0 });
  try {
    const sent = await send({ url: `${referenceUrl}/integration/webhook`, secret, prefix: "reference" });
    reportIntake("bare fastify 202 (reference)", sent);
    const paced = await send({
      url: `${referenceUrl}/integration/webhook`,
      secret,
      prefix: "reference-rate",
      ...AT_GOAL_RATE,
    });
    reportAtRate("bare fastify 202 (reference)", paced);
  } finally {
    await reference.close();
  }

  const directory = await mkdtemp(join(tmpdir(), "portolan-events-bench-"));
  const database = await openDatabase({ dataDirectory: directory });
  try {
    await benchPortolan(database, secret, "portolan (embedded catalog on disk)");
  } finally {
    await database.close();
    await rm(directory, { recursive: true, force: true });
  }
  await benchOnPostgres(secret);
}

/** The same run with the inbox and catalog in PostgreSQL, in a database of its own, dropped after. */
async function benchOnPostgres(secret: string): Promise<void> {
  const name = `portolan_events_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    process.stdout.write(
      `  portolan (PostgreSQL): skipped, no server at ${POSTGRES_ADMIN_URL} (${(error as Error).message}); set BENCH_POSTGRES_URL\n`,
    );
    return;
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString() });
    try {
      await benchPortolan(database, secret, "portolan (PostgreSQL on loopback)");
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function benchPortolan(database: Database, secret: string, label: string): Promise<void> {
  const logger = silentLogger();
  const integration = benchIntegration();
  const catalog = new LocalCatalog(database);
  const dataSource = await DataSource.open({
    id: "bench",
    integration,
    mappingText: MAPPING,
    mappingSource: "bench",
    database,
    catalog,
    eventWorkersCount: WORKERS,
    logger,
  });
  await dataSource.startWorkers();
  const server = await createServer({
    auth: new AuthStore(database),
    dataSource,
    catalog,
    health: { database, checkSource: async () => undefined, metrics: createStoreMetrics(database) },
    webhookSecret: secret,
    portalDirectory: undefined,
    logger,
  });
  const url = `${await server.listen({ host: "127.0.0.1", port: 0 })}/integration/webhook`;
  try {
    const drainStart = performance.now();
    const sent = await send({ url, secret, prefix: "load" });
    reportIntake(label, sent);
    await dataSource.whenEventsIdle();
    const drained = (performance.now() - drainStart) / 1000;
    const atRate = await send({ url, secret, prefix: "rate", ...AT_GOAL_RATE });
    reportAtRate(label, atRate);
    await dataSource.whenEventsIdle();
    const applied = await appliedCount(database, "load");
    process.stdout.write(
      `  ${label}: ${applied} events applied to the catalog ${drained.toFixed(1)} s after the first was sent (${Math.round(
        applied / drained,
      )} events/s end to end)\n`,
    );

    await send({ url, secret, prefix: "paced", count: PACED_DELIVERIES, pauseMs: PACE_MS });
    await dataSource.whenEventsIdle();
    const latencies = await catalogLatencies(database, "paced");
    process.stdout.write(
      `  ${label}: event → catalog at one delivery per ${PACE_MS} ms: p50 ${percentile(latencies, 50).toFixed(
        1,
      )} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (${latencies.length} events; goal p50 < 50 ms)\n`,
    );
  } finally {
    await server.close();
    await dataSource.stop();
  }
}

/** Runs the sender in a child process and returns its report. */
function send(plan: {
  url: string;
  secret: string;
  prefix: string;
  count?: number;
  pauseMs?: number;
  ratePerSecond?: number;
}): Promise<SendReport> {
  const argument = JSON.stringify({ count: DELIVERIES, concurrency: CONCURRENCY, pauseMs: 0, ...plan });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SENDER, argument], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(JSON.parse(output) as SendReport);
      else reject(new Error(`the sender exited with ${code}`));
    });
  });
}

const AT_GOAL_RATE = { count: RATE_DELIVERIES, ratePerSecond: GOAL_RATE };

function reportAtRate(label: string, report: SendReport): void {
  process.stdout.write(
    `  ${label}, ${GOAL_RATE} deliveries/s offered (open loop, as GitHub sends): ${report.accepted}/${report.sent} accepted; time to 202 p50 ${percentile(
      report.answerMs,
      50,
    ).toFixed(1)} ms, p99 ${percentile(report.answerMs, 99).toFixed(1)} ms (goal p99 < 25 ms)\n`,
  );
}

function reportIntake(label: string, report: SendReport): void {
  process.stdout.write(
    `  ${label}, ${CONCURRENCY} in flight (closed loop, the most it accepts): ${report.accepted}/${report.sent} accepted in ${report.seconds.toFixed(2)} s = ${Math.round(
      report.accepted / report.seconds,
    )} deliveries/s (goal ≥ 1,000/s); time to 202 at that saturation p50 ${percentile(report.answerMs, 50).toFixed(1)} ms, p99 ${percentile(
      report.answerMs,
      99,
    ).toFixed(1)} ms (queueing: the latency goal is read at the goal rate below)\n`,
  );
}

async function appliedCount(database: Database, prefix: string): Promise<number> {
  const { rows } = await database.query<{ total: number }>(
    "SELECT count(*)::int AS total FROM entities WHERE blueprint = 'benchService' AND identifier LIKE $1",
    [`${prefix}-%`],
  );
  return rows[0]?.total ?? 0;
}

/** Per entity: when the catalog wrote it minus when the sender sent its delivery (one machine, one clock). */
async function catalogLatencies(database: Database, prefix: string): Promise<number[]> {
  const { rows } = await database.query<{ latency: number }>(
    `SELECT (extract(epoch FROM updated_at) * 1000 - (properties->>'sentAt')::float8)::float8 AS latency
     FROM entities WHERE blueprint = 'benchService' AND identifier LIKE $1`,
    [`${prefix}-%`],
  );
  return rows.map((row) => Number(row.latency));
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
