import type { Socket } from "node:net";
import type { z } from "zod";
import type { FaultRuleInputSchema } from "../faults/fault-rule.js";
import { FaultRules } from "../faults/fault-rules.js";
import { RequestLog } from "../observability/request-log.js";
import type { Random } from "../random.js";
import { RateLimitLedger } from "./rate-limit-ledger.js";
import type { RateLimitSettings } from "./rate-limit-settings.js";
import { SecondaryRateLimiter } from "./secondary-rate-limiter.js";

/**
 * Everything about API traffic rather than GitHub's data: the limits in force and what they counted,
 * the fault rules, the request log, and the requests a `timeout` fault is holding.
 */
export interface SimulatorTraffic {
  /** The limits in force; changed in place (`PATCH /_simulator/rate-limits`). */
  settings: RateLimitSettings;
  ledger: RateLimitLedger;
  secondary: SecondaryRateLimiter;
  faults: FaultRules;
  log: RequestLog;
  /** Connections a `timeout` fault leaves unanswered; dropped when the simulator closes. */
  held: Set<Socket>;
}

export function createSimulatorTraffic(options: {
  settings: RateLimitSettings;
  faults: ReadonlyArray<z.output<typeof FaultRuleInputSchema>>;
  random: Random;
}): SimulatorTraffic {
  const settings = { ...options.settings };
  const faults = new FaultRules(options.random);
  for (const rule of options.faults) faults.add(rule);
  return {
    settings,
    ledger: new RateLimitLedger(() => settings),
    secondary: new SecondaryRateLimiter(() => settings),
    faults,
    log: new RequestLog(),
    held: new Set(),
  };
}
