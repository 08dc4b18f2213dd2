import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { setUpWebhooks, type WebhookSetUp } from "../../src/cli/set-up-webhooks.js";
import type { PortolanWithSettingsSource } from "../../src/cli/settings-data-source.js";
import { startPortolan } from "../../src/cli/start-portolan.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../src/engine/settings/settings-schema.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import { withSettingsSource } from "./settings-source.js";
import { freePort } from "./wait-for.js";

export interface RestartablePortolanOptions {
  simulator: RunningSimulator;
  /** The settings data source's identifier. */
  identifier: string;
  /** `githubOrganization`: the organization, or the personal account, it syncs. */
  account: string;
}

export interface RestartOptions {
  /** `webhookRecoveryIntervalSeconds`; 0 (only at start) unless a test checks the periodic runs. */
  recoveryIntervalSeconds?: number;
  /** More of the integration's settings (`skipWebhookPatching`, `resyncRatelimitReservationThreshold`…). */
  config?: Record<string, unknown>;
}

export interface RestartablePortolan {
  /** The webhook secret of every start. */
  secret: string;
  /** Where the simulator delivers to: the same port at every start. */
  webhookUrl: string;
  /** The Portolan running now, if any. */
  current(): PortolanWithSettingsSource | undefined;
  /** Starts Portolan and runs the start-up webhook set-up, as `serve` does; returns once both settled. */
  start(options?: RestartOptions): Promise<WebhookSetUp & { running: PortolanWithSettingsSource }>;
  stop(): Promise<void>;
  /** Stops it and removes its data directory. */
  dispose(): Promise<void>;
}

/**
 * A Portolan against the simulator that a test stops and starts again on one data directory (embedded
 * catalog on disk) and one port, as a server restarted after downtime: its settings data source syncs
 * the repository kind of the demo mapping.
 */
export async function restartablePortolan(options: RestartablePortolanOptions): Promise<RestartablePortolan> {
  const { simulator } = options;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `portolan-${options.identifier}-`));
  const secret = randomBytes(16).toString("hex");
  const webhookUrl = `http://127.0.0.1:${port}/integration/webhook`;
  let current: PortolanWithSettingsSource | undefined;
  const stop = async () => {
    await current?.close();
    current = undefined;
  };
  return {
    secret,
    webhookUrl,
    current: () => current,
    async start(restart = {}) {
      const settings = settingsSchema.parse({
        integration: {
          identifier: options.identifier,
          type: "github",
          config: {
            githubHost: simulator.url,
            githubToken: simulator.adminToken,
            githubOrganization: options.account,
            webhookSecret: secret,
            ...restart.config,
          },
        },
        dataDir,
        port,
        adminPassword: `${options.identifier} admin password`,
      });
      const running = withSettingsSource(
        await startPortolan({
          settings,
          logger: silentLogger(),
          mapping: (defaultMapping) => demoMapping(defaultMapping, ["repository"]),
        }),
      );
      current = running;
      const setUp = await setUpWebhooks(running, webhookUrl, restart.recoveryIntervalSeconds ?? 0);
      await simulator.whenIdle();
      await running.dataSource.whenEventsIdle();
      return { running, ...setUp };
    },
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
