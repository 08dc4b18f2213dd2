import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CatalogReader,
  compareCatalogs,
  type EntityMismatch,
} from "../src/engine/catalog/compare-catalogs.js";
import { LocalCatalog } from "../src/engine/catalog/local-catalog.js";
import { silentLogger } from "../src/engine/logging/create-logger.js";
import { bindMapping } from "../src/engine/mapping/bind-mapping.js";
import { parsePortAppConfig } from "../src/engine/mapping/parse-port-app-config.js";
import type { Database } from "../src/engine/store/database.js";
import { openDatabase } from "../src/engine/store/open-database.js";
import { ResyncHistory } from "../src/engine/sync/resync-history.js";
import { runResync } from "../src/engine/sync/run-resync.js";
import { createGitHubIntegration } from "../src/github/create-github-integration.js";
import { defaultMapping } from "../src/github/defaults/default-mapping.js";
import { createRandom } from "../src/simulator/random.js";
import { type RunningSimulator, startSimulator } from "../src/simulator/start-simulator.js";
import { freePort, PortolanProcess, waitFor } from "./portolan-process.js";
import { serverCatalogReader } from "./server-catalog-reader.js";
import { SoakChanges } from "./soak-changes.js";

export interface SoakOptions {
  /** Rounds to run; each fires `changesPerRound` changes and SIGKILLs the server once, at a random change. */
  rounds: number;
  /** No new round starts after this many minutes. */
  minutes: number;
  changesPerRound: number;
  seed: number;
  /** Progress lines (the CLI prints them; tests pass nothing). */
  log?: (line: string) => void;
}

export interface SoakReport {
  rounds: number;
  changes: number;
  kills: number;
  resyncsRequested: number;
  /** Resyncs a kill cut short, closed as failed (`RESYNC_INTERRUPTED`) by the next one; none may stay running. */
  resyncs: { interrupted: number; leftRunning: number };
  /**
   * Webhook deliveries to the server's hook (pings left out), by event (GitHub's delivery guid):
   * attempts made, attempts that failed (the server was down), events accepted (202) at some attempt,
   * of those accepted only when the server redelivered them at start, and events never accepted.
   */
  deliveries: {
    events: number;
    attempts: number;
    failedAttempts: number;
    accepted: number;
    redelivered: number;
    neverAccepted: number;
  };
  /** The server's inbox at the end: each accepted delivery stored once and processed. */
  inbox: { done: number; failed: number };
  /** How deliveries missed while the server was down were made good. */
  recovery: string;
  compared: number;
  mismatches: EntityMismatch[];
  /** Accepted deliveries the inbox does not account for exactly once (0 when every one was applied once). */
  unaccountedDeliveries: number;
  seconds: number;
}

const ADMIN_PASSWORD = "soak admin password";
const RECOVERY =
  "the server's own missed-delivery recovery redelivers at start what it missed; the resync on each start and the final resync cover the rest";

/**
 * The crash soak: the simulator fires a steady mix of GitHub changes (webhooks) at `portolan serve`
 * while resyncs run, the server is SIGKILLed at random points and restarted; at the end its catalog
 * must equal, entity for entity, a clean resync of the simulator's final state into a fresh catalog.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const random = createRandom(options.seed);
  const work = mkdtempSync(join(tmpdir(), "portolan-soak-"));
  const mappingFile = join(work, "mapping.yml");
  writeFileSync(mappingFile, defaultMapping);
  const simulator = await startSimulator({ seed: options.seed, port: 0, logger: false });
  // The fresh catalog's store is made while the soak runs: opening PGlite takes seconds on a busy machine.
  const freshDatabase = openDatabase({ dataDirectory: undefined });
  const server = new PortolanProcess({
    port: await freePort(),
    dataDir: join(work, "data"),
    mappingFile,
    adminPassword: ADMIN_PASSWORD,
    env: {
      OCEAN__EVENT_WORKERS_COUNT: "4",
      OCEAN__INTEGRATION__IDENTIFIER: "soak",
      OCEAN__INTEGRATION__CONFIG__GITHUB_HOST: simulator.url,
      OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN: simulator.adminToken,
      OCEAN__INTEGRATION__CONFIG__GITHUB_ORGANIZATION: simulator.organization,
      OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET: randomBytes(16).toString("hex"),
    },
  });
  const changes = new SoakChanges(simulator.url, simulator.organization, random.fork("changes"));
  let rounds = 0;
  let fired = 0;
  let kills = 0;
  let resyncsRequested = 0;
  try {
    await server.start();
    log(`server up at ${server.url}, simulator at ${simulator.url}, seed ${options.seed}`);
    while (rounds < options.rounds && Date.now() - started < options.minutes * 60_000) {
      rounds += 1;
      const killAt = random.int(1, options.changesPerRound - 1);
      const resyncAt = random.int(0, options.changesPerRound - 1);
      for (let index = 0; index < options.changesPerRound; index++) {
        if (index === resyncAt && server.running) {
          await server.api("/api/v1/resyncs", { method: "POST" });
          resyncsRequested += 1;
        }
        if (index === killAt) {
          // Let some of the round's deliveries land first, so the kill hits queued and running work.
          await new Promise((resolve) => setTimeout(resolve, random.int(0, 300)));
          await server.kill();
          kills += 1;
          log(`round ${rounds}: SIGKILL after ${index} changes`);
        }
        const change = changes.next();
        await change.apply();
        fired += 1;
      }
      await simulator.whenIdle();
      await server.start();
      log(`round ${rounds}: restarted (${fired} changes so far)`);
    }
    // The start's missed-delivery recovery redelivers asynchronously: let it land and be applied
    // before the final resync, so the resync has the last word.
    await simulator.whenIdle();
    await drainedInbox(server);
    await simulator.whenIdle();
    const resyncs = await finalResync(server);
    resyncsRequested += 1;
    const inbox = await drainedInbox(server);

    const deliveries = countDeliveries(simulator);
    const comparison = await compareWithFreshResync(
      simulator,
      await freshDatabase,
      serverCatalogReader(server),
    );
    return {
      rounds,
      changes: fired,
      kills,
      resyncsRequested,
      resyncs,
      deliveries,
      inbox,
      recovery: RECOVERY,
      compared: comparison.compared,
      mismatches: comparison.mismatches,
      unaccountedDeliveries: Math.abs(deliveries.accepted - inbox.done - inbox.failed),
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await server.kill();
    await (await freshDatabase).close();
    await simulator.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function countDeliveries(simulator: RunningSimulator): SoakReport["deliveries"] {
  const attempts = simulator.state.deliveries().filter((delivery) => delivery.event !== "ping");
  const accepted = attempts.filter((attempt) => attempt.statusCode === 202);
  const events = new Set(attempts.map((attempt) => attempt.id));
  const acceptedEvents = new Set(accepted.map((attempt) => attempt.id));
  const firstTime = new Set(accepted.filter((attempt) => !attempt.redelivery).map((attempt) => attempt.id));
  return {
    events: events.size,
    attempts: attempts.length,
    failedAttempts: attempts.length - accepted.length,
    accepted: acceptedEvents.size,
    redelivered: acceptedEvents.size - firstTime.size,
    neverAccepted: events.size - acceptedEvents.size,
  };
}

interface ResyncList {
  running: unknown;
  resyncs: Array<{ status: string; errors: Array<{ code: string }> }>;
}

/**
 * One more resync once every change is made, started after any still running, and waited for; then
 * what the history says of the resyncs the kills cut short (its last 50 entries).
 */
async function finalResync(server: PortolanProcess): Promise<SoakReport["resyncs"]> {
  await waitFor("the final resync to start", async () => {
    const { status } = await server.api("/api/v1/resyncs", { method: "POST" });
    return status === 202 ? true : undefined;
  });
  const done = await waitFor(
    "the final resync to finish",
    async () => {
      const { body } = await server.api<ResyncList>("/api/v1/resyncs");
      // The newest that ran: a request made meanwhile (the start's recovery, say) is recorded as skipped.
      return body.running === null ? body.resyncs.find((resync) => resync.status !== "skipped") : undefined;
    },
    300_000,
  );
  if (done?.status !== "completed") throw new Error(`the final resync ended ${done?.status}`);
  const { body } = await server.api<ResyncList>("/api/v1/resyncs");
  return {
    interrupted: body.resyncs.filter((resync) =>
      resync.errors.some((error) => error.code === "RESYNC_INTERRUPTED"),
    ).length,
    leftRunning: body.resyncs.filter((resync) => resync.status === "running").length,
  };
}

async function drainedInbox(server: PortolanProcess): Promise<{ done: number; failed: number }> {
  const counts = await waitFor("the inbox to drain", async () => {
    const { body } = await server.api<{ counts: Record<string, number> }>("/api/v1/events");
    return !body.counts.queued && !body.counts.processing ? body.counts : undefined;
  });
  return { done: counts.done ?? 0, failed: counts.failed ?? 0 };
}

/** A clean resync of the simulator's final state into a fresh in-memory catalog, compared with the soaked one. */
async function compareWithFreshResync(simulator: RunningSimulator, fresh: Database, soaked: CatalogReader) {
  const integration = await createGitHubIntegration({
    githubHost: `${simulator.url}/`,
    githubToken: simulator.adminToken,
    githubOrganization: simulator.organization,
  });
  const catalog = new LocalCatalog(fresh);
  await catalog.ensureBlueprints(integration.defaultBlueprints());
  const summary = await runResync({
    mapping: bindMapping(parsePortAppConfig(defaultMapping), integration),
    catalog,
    history: new ResyncHistory(fresh),
    dataSource: "fresh",
    trigger: "soak",
    logger: silentLogger(),
  });
  if (summary.status !== "completed") throw new Error(`the fresh resync ended ${summary.status}`);
  return compareCatalogs(catalog, soaked);
}
