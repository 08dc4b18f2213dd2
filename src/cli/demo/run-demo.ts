import { randomBytes } from "node:crypto";
import { createLogger, type Logger, silentLogger } from "../../engine/logging/create-logger.js";
import { settingsSchema } from "../../engine/settings/settings-schema.js";
import type { ResyncSummary } from "../../engine/sync/resync-summary.js";
import { kindBlueprints } from "../../github/defaults/kind-blueprints/index.js";
import { type RunningSimulator, startSimulator } from "../../simulator/start-simulator.js";
import { type RunningPortolan, startPortolan } from "../start-portolan.js";
import { demoMapping } from "./demo-mapping.js";

export interface DemoOptions {
  once: boolean;
  json: boolean;
  dataDir: string;
  port: number;
  githubPort: number;
  seed: number;
  workers: number;
  /** The portal's admin password; generated at first start and printed once when unset. */
  adminPassword?: string | undefined;
  /** Keep the catalog in memory (tests). */
  inMemory?: boolean;
}

export interface RunningDemo {
  simulator: RunningSimulator;
  portolan: RunningPortolan;
  summary: DemoSummary;
  close(): Promise<void>;
}

/**
 * The walking skeleton end to end: simulator → webhook registration → resync → catalog → portal,
 * and from then on live repository events through signed webhooks.
 */
export async function startDemo(options: DemoOptions, logger: Logger): Promise<RunningDemo> {
  const simulator = await startSimulator({ seed: options.seed, port: options.githubPort, logger: false });
  const webhookSecret = randomBytes(32).toString("hex");
  let portolan: RunningPortolan | undefined;
  try {
    const settings = settingsSchema.parse({
      integration: {
        identifier: "github-demo",
        type: "github",
        config: {
          githubHost: simulator.url,
          githubToken: simulator.adminToken,
          githubOrganization: simulator.organization,
          webhookSecret,
        },
      },
      eventWorkersCount: options.workers,
      dataDir: options.dataDir,
      port: options.port,
      ...(options.adminPassword ? { adminPassword: options.adminPassword } : {}),
    });
    portolan = await startPortolan({
      settings,
      logger,
      mapping: (defaultMapping) => demoMapping(defaultMapping),
      // One blueprint per kind, so that every resource of the demo's mapping has its target.
      blueprints: Object.values(kindBlueprints),
      missingPermissions: "require",
      ...(options.inMemory ? { inMemory: true } : {}),
    });
    await portolan.integration.registerWebhooks(`${portolan.url}/integration/webhook`);
    const outcome = await portolan.dataSource.requestResync("demo");
    if (!outcome.started) throw new Error("a resync was already running");
    const summary = summarize(await outcome.summary, portolan.url, simulator.url, simulator.organization);
    if (portolan.generatedAdminPassword) summary.adminPassword = portolan.generatedAdminPassword;
    const running = portolan;
    return {
      simulator,
      portolan: running,
      summary,
      async close() {
        await running.close();
        await simulator.close();
      },
    };
  } catch (error) {
    await portolan?.close();
    await simulator.close();
    throw error;
  }
}

/** `portolan demo`: start, print where to look, and stay up until Ctrl+C (or exit with `--once`). */
export async function runDemo(options: DemoOptions): Promise<void> {
  const logger = options.json ? silentLogger() : createLogger({ level: process.env.LOG_LEVEL ?? "warn" });
  const demo = await startDemo({ adminPassword: process.env.PORTOLAN_ADMIN_PASSWORD, ...options }, logger);
  try {
    if (options.once) {
      process.stdout.write(options.json ? `${JSON.stringify(demo.summary)}\n` : describe(demo.summary));
      return;
    }
    process.stdout.write(describe(demo.summary));
    const { url, organization } = demo.simulator;
    process.stdout.write(
      `\nTry a live event: curl -X POST ${url}/_simulator/orgs/${organization}/repos -H 'content-type: application/json' -d '{"name":"hello-portolan"}'\nPress Ctrl+C to stop.\n`,
    );
    await waitForStopSignal();
  } finally {
    await demo.close();
  }
}

export interface DemoSummary {
  portalUrl: string;
  /** Only on the start that created the admin account with a generated password. */
  adminPassword?: string;
  githubUrl: string;
  organization: string;
  resync: { id: string; status: ResyncSummary["status"]; deletion: string; errors: ResyncSummary["errors"] };
  kinds: Record<string, { upserted: number; unchanged: number; deleted: number; failed: number }>;
}

function summarize(
  resync: ResyncSummary,
  portalUrl: string,
  githubUrl: string,
  organization: string,
): DemoSummary {
  const kinds: DemoSummary["kinds"] = {};
  for (const [kind, counts] of Object.entries(resync.kinds)) {
    kinds[kind] = {
      upserted: counts.upserted,
      unchanged: counts.unchanged,
      deleted: counts.deleted,
      failed: counts.failed,
    };
  }
  return {
    portalUrl,
    githubUrl,
    organization,
    resync: { id: resync.id, status: resync.status, deletion: resync.deletion.reason, errors: resync.errors },
    kinds,
  };
}

function describe(summary: DemoSummary): string {
  const lines = [
    `GitHub simulator: ${summary.githubUrl} (organization ${summary.organization})`,
    `Resync ${summary.resync.status}:`,
    ...Object.entries(summary.kinds).map(
      ([kind, counts]) =>
        `  ${kind}: ${counts.upserted} upserted, ${counts.unchanged} unchanged, ${counts.deleted} deleted, ${counts.failed} failed`,
    ),
    ...summary.resync.errors.map((error) => `  error in ${error.kind}: ${error.code}: ${error.message}`),
    `Portal: ${summary.portalUrl}/`,
    summary.adminPassword
      ? `Sign in as admin with password ${summary.adminPassword} (shown only now; PORTOLAN_ADMIN_PASSWORD sets your own)`
      : "Sign in as admin with the password printed at first start (or the one PORTOLAN_ADMIN_PASSWORD sets)",
  ];
  return `${lines.join("\n")}\n`;
}

function waitForStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
