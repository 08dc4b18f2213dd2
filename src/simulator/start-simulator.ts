import type { AddressInfo } from "node:net";
import { buildSimulatorApp, ENTERPRISE_API_PREFIX } from "./build-simulator-app.js";
import type { FaultRule, FaultRuleInput } from "./faults/fault-rule.js";
import { FaultRuleInputSchema } from "./faults/fault-rule.js";
import { generateCredentials, type SeededCredentials } from "./generate-credentials.js";
import { generateOrganization } from "./generate-organization.js";
import type { RateLimitSettings } from "./http/rate-limit-settings.js";
import { RateLimitSettingsPatch } from "./http/rate-limit-settings.js";
import { createSimulatorTraffic } from "./http/simulator-traffic.js";
import type { RequestLogSummary } from "./observability/request-log.js";
import { parseSimulatorOptions, type SimulatorOptions } from "./parse-simulator-options.js";
import { createRandom } from "./random.js";
import type { SimulatorContext } from "./simulator-context.js";
import { createSteppingClock, createWallClock } from "./state/simulator-clock.js";
import { SimulatorState } from "./state/simulator-state.js";
import { WebhookDispatcher } from "./webhooks/webhook-dispatcher.js";

export type { FaultRule, FaultRuleInput } from "./faults/fault-rule.js";
export type { RateLimitSettings } from "./http/rate-limit-settings.js";
export type { RequestLogSummary } from "./observability/request-log.js";
export type { SimulatorOptions } from "./parse-simulator-options.js";
export type { SimulatorState } from "./state/simulator-state.js";

export interface RunningSimulator {
  /** github.com-style root, e.g. `http://127.0.0.1:45123`; the REST API is served here too. */
  url: string;
  /** `${url}/api/v3`: the same API under GitHub Enterprise Server paths. */
  enterpriseUrl: string;
  /** A classic PAT of the organization's owner (scopes repo, read:org, admin:org_hook, read:user). */
  adminToken: string;
  /**
   * What to point Portolan at: the owner's classic PAT (`adminToken`), the owner's fine-grained PAT (the
   * seed's permission list on all repositories), and a GitHub App installed on the organization with the
   * same permissions (its id, private key PEM and installation id).
   */
  credentials: SeededCredentials;
  organization: string;
  /** The live state, for tests: read the current repositories, hooks, deliveries ... */
  state: SimulatorState;
  /** Every route the HTTP server answers (method and fastify URL pattern), so contract tests can cover all. */
  routes: ReadonlyArray<{ method: string; url: string }>;
  /** Counts of the API requests served (per endpoint, credential, bucket, status); `/_simulator/requests`. */
  requestLog: { summary(): RequestLogSummary; reset(): void };
  /** Fault rules, as `/_simulator/faults` manages them. */
  faults: {
    add(rule: FaultRuleInput): FaultRule;
    list(): FaultRule[];
    remove(id: number): boolean;
    clear(): void;
  };
  /** The limits in force: read, change some, or make every budget whole again. */
  rateLimits: {
    settings(): RateLimitSettings;
    configure(patch: Partial<RateLimitSettings>): RateLimitSettings;
    resetUsage(): void;
  };
  /** Resolves when every pending webhook delivery has been attempted. */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/** The data's "now": a day of the first half of 2026 chosen by the seed, never the wall clock. */
function epochOf(seed: number): number {
  return Date.UTC(2026, 0, 1) + createRandom(seed ^ 0x5eed).int(0, 180) * DAY_MS + 9 * 3600_000;
}

/**
 * Starts a simulated GitHub on a loopback port: a seeded organization (same seed, same answers), the
 * REST API at github.com and GitHub Enterprise Server paths, organization webhooks delivered to local
 * receivers, and the `/_simulator` control API that changes the organization and emits webhooks.
 */
export async function startSimulator(options?: SimulatorOptions): Promise<RunningSimulator> {
  const parsed = parseSimulatorOptions(options);
  const random = createRandom(parsed.seed);
  const epochMs = epochOf(parsed.seed);
  const state = new SimulatorState({
    clock: parsed.clock === "wall" ? createWallClock() : createSteppingClock(epochMs),
    epochMs,
    firstRepositoryId: random.int(100_000_000, 900_000_000),
    firstHookId: random.int(400_000_000, 500_000_000),
    residentRepositories: parsed.residentRepositories,
  });
  const generated = generateOrganization(state, random.fork("organization"), {
    organization: parsed.organization,
    scale: parsed.scale,
  });
  const credentials = generateCredentials(state, random.fork("credentials"), {
    organization: generated.organization,
    owner: generated.owner,
    classicPat: generated.adminToken,
  });
  const webhooks = new WebhookDispatcher(state, random.fork("deliveries"), parsed.logger);
  let rootUrl = "";
  const traffic = createSimulatorTraffic({
    settings: parsed.rateLimits,
    faults: parsed.faults,
    random: random.fork("faults"),
  });
  const context: SimulatorContext = {
    state,
    webhooks,
    random: random.fork("requests"),
    organization: generated.organization,
    owner: generated.owner,
    logger: parsed.logger,
    traffic,
    rootUrl: () => rootUrl,
    webhookUrls: () => ({ api: rootUrl, web: rootUrl }),
  };
  const app = buildSimulatorApp(context);
  const routes: Array<{ method: string; url: string }> = [];
  // Plugins register on listen, so a hook added now sees every route of every scope.
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  await app.listen({ host: parsed.host, port: parsed.port });
  const address = app.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  rootUrl = `http://${host}:${address.port}`;
  let closed: Promise<void> | undefined;
  return {
    url: rootUrl,
    enterpriseUrl: `${rootUrl}${ENTERPRISE_API_PREFIX}`,
    adminToken: generated.adminToken,
    credentials,
    organization: generated.organization.login,
    state,
    routes,
    requestLog: { summary: () => traffic.log.summary(), reset: () => traffic.log.reset() },
    faults: {
      add: (rule) => traffic.faults.add(FaultRuleInputSchema.parse(rule)),
      list: () => traffic.faults.list(),
      remove: (id) => traffic.faults.remove(id),
      clear: () => traffic.faults.clear(),
    },
    rateLimits: {
      settings: () => ({ ...traffic.settings }),
      configure: (patch) => Object.assign(traffic.settings, RateLimitSettingsPatch.parse(patch)),
      resetUsage: () => {
        traffic.ledger.clear();
        traffic.secondary.clear();
      },
    },
    whenIdle: () => webhooks.whenIdle(),
    close() {
      closed ??= (async () => {
        await webhooks.close();
        await app.close();
      })();
      return closed;
    },
  };
}
