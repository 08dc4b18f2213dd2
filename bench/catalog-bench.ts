import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { z } from "zod";
import { LocalCatalog } from "../src/engine/catalog/local-catalog.js";
import {
  asIntegrationKind,
  type Integration,
  type RawObject,
} from "../src/engine/integration/integration.js";
import { silentLogger } from "../src/engine/logging/create-logger.js";
import { bindMapping } from "../src/engine/mapping/bind-mapping.js";
import { parsePortAppConfig } from "../src/engine/mapping/parse-port-app-config.js";
import type { Database } from "../src/engine/store/database.js";
import { openDatabase } from "../src/engine/store/open-database.js";
import { ResyncHistory } from "../src/engine/sync/resync-history.js";
import type { ResyncSummary } from "../src/engine/sync/resync-summary.js";
import { runResync } from "../src/engine/sync/run-resync.js";

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 100_000);
const PAGE_SIZE = 500;
const POSTGRES_ADMIN_URL =
  process.env.BENCH_POSTGRES_URL ??
  process.env.TEST_POSTGRES_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";

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
            url: .url
            language: .language
            stars: .stars
            archived: .archived
            topics: .topics
`;

/** A source of `ENTITIES` services, generated page by page so the source itself holds nothing. */
function benchIntegration(): Integration {
  return {
    type: "bench",
    kinds: [
      asIntegrationKind({
        name: "service",
        selectorSchema: z.looseObject({ query: z.string() }),
        async *list() {
          for (let start = 0; start < ENTITIES; start += PAGE_SIZE) {
            const page: RawObject[] = [];
            for (let index = start; index < Math.min(start + PAGE_SIZE, ENTITIES); index++) {
              page.push({
                id: `service-${index}`,
                name: `Service ${index}`,
                url: `https://example.test/services/${index}`,
                language: ["TypeScript", "Go", "Python"][index % 3],
                stars: index % 997,
                archived: index % 50 === 0,
                topics: ["bench", `group-${index % 20}`],
              });
            }
            yield page;
          }
        },
      }),
    ],
    kindsTouchedBy: () => [],
    handleEvent: async () => null,
    groupKey: (event) => event.deliveryId,
    defaultBlueprints: () => [
      {
        identifier: "benchService",
        title: "Service",
        schema: {
          properties: {
            url: { type: "string", format: "url" },
            language: { type: "string" },
            stars: { type: "number" },
            archived: { type: "boolean" },
            topics: { type: "array" },
          },
          required: [],
        },
      },
    ],
    defaultMapping: () => MAPPING,
  };
}

/**
 * `npm run bench -- catalog`: a resync of 100,000 entities into each store (PostgreSQL, then
 * PGlite on disk), entities/s and peak RSS; then the same resync again, which must find everything
 * unchanged and write no entity row.
 */
export async function catalogBench(): Promise<void> {
  process.stdout.write(
    `catalog bench: ${ENTITIES} entities, pages of ${PAGE_SIZE}, Node ${process.version}\n`,
  );
  // PostgreSQL first: peak RSS only grows, and PGlite's in-process engine would hide the client's.
  const name = `portolan_bench_${randomBytes(4).toString("hex")}`;
  let created = false;
  try {
    await adminQuery(`CREATE DATABASE ${name}`);
    created = true;
  } catch (error) {
    process.stdout.write(
      `postgres: skipped, cannot reach ${POSTGRES_ADMIN_URL} (${(error as Error).message})\n`,
    );
  }
  if (created) {
    try {
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = `/${name}`;
      await benchStore("postgres", () => openDatabase({ databaseUrl: url.toString() }));
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
  const directory = await mkdtemp(join(tmpdir(), "portolan-bench-"));
  try {
    await benchStore("pglite (disk)", () => openDatabase({ dataDirectory: directory }));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function benchStore(label: string, open: () => Promise<Database>): Promise<void> {
  const database = await open();
  try {
    const integration = benchIntegration();
    const catalog = new LocalCatalog(database);
    await catalog.ensureBlueprints(integration.defaultBlueprints());
    const mapping = bindMapping(parsePortAppConfig(MAPPING), integration);
    const history = new ResyncHistory(database);
    const resync = () =>
      runResync({ mapping, catalog, history, dataSource: "bench", trigger: "bench", logger: silentLogger() });

    const first = await timed(resync);
    report(label, "first resync", first.result, first.seconds);
    const versionsBefore = await rowVersions(database);
    const second = await timed(resync);
    report(label, "unchanged resync", second.result, second.seconds);
    const versionsAfter = await rowVersions(database);
    const rewritten =
      versionsBefore === versionsAfter ? 0 : await changedRows(database, second.result.startedAt);
    process.stdout.write(
      `  ${label}: entity rows written by the unchanged resync: ${rewritten} (row versions ${
        versionsBefore === versionsAfter ? "identical" : "changed"
      })\n`,
    );
  } finally {
    await database.close();
  }
}

function report(label: string, what: string, summary: ResyncSummary, seconds: number): void {
  const counts = summary.kinds.service;
  const rate = Math.round((counts?.seen ?? 0) / seconds);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(
    `  ${label}: ${what}: ${seconds.toFixed(1)} s, ${rate} entities/s, upserted ${counts?.upserted}, unchanged ${
      counts?.unchanged
    }, failed ${counts?.failed}, status ${summary.status}, peak RSS ${peakRssMb} MB\n`,
  );
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** A digest of every entity row's version (`xmin`): it changes when any row is written. */
async function rowVersions(database: Database): Promise<string | undefined> {
  const { rows } = await database.query<{ digest: string }>(
    "SELECT md5(string_agg(xmin::text, ',' ORDER BY identifier)) AS digest FROM entities",
  );
  return rows[0]?.digest;
}

async function changedRows(database: Database, since: string): Promise<number> {
  const { rows } = await database.query<{ total: number }>(
    "SELECT count(*)::int AS total FROM entities WHERE updated_at >= $1",
    [since],
  );
  return rows[0]?.total ?? 0;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
