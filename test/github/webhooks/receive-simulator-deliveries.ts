import type { AddressInfo } from "node:net";
import type { LiveEvent } from "../../../src/engine/integration/integration.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
  type WebhookRegistration,
} from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { listenForDeliveries } from "../../support/listen-for-deliveries.js";
import { simulatorGitHubSettings } from "../../support/simulator-github-settings.js";

/** A simulator whose webhook deliveries, registered by the integration, land in `received`. */
export interface SimulatorDeliveries {
  simulator: RunningSimulator;
  integration: GitHubIntegration;
  registrations: WebhookRegistration[];
  close(): Promise<void>;
}

/** Starts the simulator, a local receiver and the integration, and registers its webhooks at the receiver. */
export async function receiveSimulatorDeliveries(
  seed: number,
  received: LiveEvent[],
): Promise<SimulatorDeliveries> {
  const simulator = await startSimulator({ seed });
  const server = await listenForDeliveries(received);
  const close = async () => {
    await simulator.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    const integration = await createGitHubIntegration(simulatorGitHubSettings(simulator));
    const { port } = server.address() as AddressInfo;
    const registrations = await integration.registerWebhooks(`http://127.0.0.1:${port}/integration/webhook`);
    return { simulator, integration, registrations, close };
  } catch (error) {
    await close();
    throw error;
  }
}
