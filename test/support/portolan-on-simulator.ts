import type { RunningPortolan, StartPortolanOptions } from "../../src/cli/start-portolan.js";
import { startPortolan } from "../../src/cli/start-portolan.js";
import { type Logger, silentLogger } from "../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../src/engine/settings/settings-schema.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { simulatorGitHubSettings } from "./simulator-github-settings.js";

/**
 * A GitHub data source on the simulator as the data sources API takes it: scheduled every two hours,
 * sending raw data examples, unless `fields` says otherwise.
 */
export function scheduledDataSourceOn(
  simulator: RunningSimulator,
  name: string,
  fields: Record<string, unknown> = {},
) {
  return {
    name,
    integration: "github",
    installationMethod: "scheduled",
    integrationSettings: simulatorGitHubSettings(simulator),
    applicationSettings: { resyncIntervalMinutes: 120, sendRawDataExamples: true },
    ...fields,
  };
}

export interface PortolanOnSimulatorOptions {
  /** The simulator's seed: each test's own organization. */
  seed: number;
  adminPassword: string;
  /** A data source `github-settings` in the settings, on the simulator; without it, Portolan has none. */
  settingsDataSource?: { webhookSecret?: string };
  /** Further settings, as a settings file writes them. */
  settings?: Record<string, unknown>;
  logger?: Logger;
  mapping?: string;
  onRoute?: StartPortolanOptions["onRoute"];
}

/** A Portolan in memory against the simulator, and a bearer token of an admin session on it. */
export interface PortolanOnSimulator {
  simulator: RunningSimulator;
  portolan: RunningPortolan;
  token: string;
  close(): Promise<void>;
}

/**
 * What the server tests over real GitHub traffic start from. On a failure half-way, the simulator is
 * closed before the error is thrown on.
 */
export async function startPortolanOnSimulator(
  options: PortolanOnSimulatorOptions,
): Promise<PortolanOnSimulator> {
  const simulator = await startSimulator({ seed: options.seed, port: 0, logger: false });
  let portolan: RunningPortolan;
  try {
    const { mapping, settingsDataSource } = options;
    portolan = await startPortolan({
      settings: settingsSchema.parse({
        ...(settingsDataSource && {
          integration: {
            identifier: "github-settings",
            type: "github",
            config: { ...simulatorGitHubSettings(simulator), ...settingsDataSource },
          },
        }),
        port: 0,
        adminPassword: options.adminPassword,
        ...options.settings,
      }),
      logger: options.logger ?? silentLogger(),
      ...(mapping !== undefined && { mapping: () => mapping }),
      inMemory: true,
      ...(options.onRoute && { onRoute: options.onRoute }),
    });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  const { token } = await portolan.auth.issueToken("account:admin", "session", 3600);
  return {
    simulator,
    portolan,
    token,
    async close() {
      await portolan.close();
      await simulator.close();
    },
  };
}
