import { randomBytes } from "node:crypto";
import { createLogger, silentLogger } from "../../engine/logging/create-logger.js";
import { settingsSchema } from "../../engine/settings/settings-schema.js";
import type { ResyncSummary } from "../../engine/sync/resync-summary.js";
import { startSimulator } from "../../simulator/start-simulator.js";
import { startPortolan } from "../start-portolan.js";
import { demoMapping } from "./demo-mapping.js";

export interface DemoOptions {
  once: boolean;
  json: boolean;
  dataDir: string;
  port: number;
  githubPort: number;
  seed: number;
  workers: number;
  /** Keep the catalog in memory (tests). */
  inMemory?: boolean;
}

export const DEMO_KINDS = ["organization", "repository"] as const;

/**
 * The walking skeleton end to end: simulator → webhook registration → resync → catalog → portal,
 * and live repository events through signed webhooks.
 */
export async function runDemo(options: DemoOptions): Promise<DemoSummary | undefined> {
  const logger = options.json ? silentLogger() : createLogger({ level: process.env.LOG_LEVEL ?? "warn" });
  const simulator = await startSimulator({ seed: options.seed, port: options.githubPort, logger: false });
  const webhookSecret = randomBytes(32).toString("hex");
  let portolan: Awaited<ReturnType<typeof startPortolan>> | undefined;
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
    });
    portolan = await startPortolan({
      settings,
      logger,
      mapping: (defaultMapping) => demoMapping(defaultMapping, DEMO_KINDS),
      ...(options.inMemory ? { inMemory: true } : {}),
    });
    await portolan.integration.registerWebhooks(`${portolan.url}/integration/webhook`);
    const outcome = await portolan.dataSource.requestResync("demo");
    if (!outcome.started) throw new Error("a resync was already running");
    const resync = await outcome.summary;
    const summary = summarize(resync, portolan.url, simulator.url, simulator.organization);
    if (options.once) {
      process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : describe(summary));
      return summary;
    }
    process.stdout.write(describe(summary));
    process.stdout.write(
      `\nTry a live event: curl -X POST ${simulator.url}/_simulator/orgs/${simulator.organization}/repos -H 'content-type: application/json' -d '{"name":"hello-portolan"}'\nPress Ctrl+C to stop.\n`,
    );
    await waitForStopSignal();
    return summary;
  } finally {
    await portolan?.close();
    await simulator.close();
  }
}

export interface DemoSummary {
  portalUrl: string;
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
