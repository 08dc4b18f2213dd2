import type { Logger } from "pino";
import type { SimulatorTraffic } from "./http/simulator-traffic.js";
import type { Random } from "./random.js";
import type { ApiUrls } from "./shapes/api-urls.js";
import type { AccountRecord } from "./state/account.js";
import type { SimulatorState } from "./state/simulator-state.js";
import type { WebhookDispatcher } from "./webhooks/webhook-dispatcher.js";

/** What every route module gets: the state, the webhook dispatcher and where the simulator listens. */
export interface SimulatorContext {
  state: SimulatorState;
  webhooks: WebhookDispatcher;
  /** Draws for values GitHub makes up per call (zen lines, request ids). */
  random: Random;
  /** The organization the simulator was started with, and its owner (the `adminToken` user). */
  organization: AccountRecord;
  owner: AccountRecord;
  logger: Logger | undefined;
  /** Rate limits in force and counted, fault rules, the request log. */
  traffic: SimulatorTraffic;
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  rootUrl(): string;
  /** The URLs webhook payloads use: github.com-style paths on the simulator's root. */
  webhookUrls(): ApiUrls;
}
