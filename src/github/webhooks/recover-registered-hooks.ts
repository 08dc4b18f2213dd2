/**
 * One missed-delivery check over the webhooks the integration registered (an organization's, or each
 * repository's of a personal account): each hook's
 * misses are redelivered (`recover-missed-deliveries.ts`). The deliveries API draws on the `core`
 * quota, so a hook whose credential is down to the part kept for live events
 * (`resyncRatelimitReservationThreshold`) is skipped — its mark stays, and a later check catches up.
 */
import type { Logger } from "pino";
import { isPortolanError } from "../../engine/errors/portolan-error.js";
import type {
  DeliveryLedger,
  MissedDeliveriesMoment,
  MissedDeliveriesReport,
} from "../../engine/events/delivery-ledger.js";
import type { GitHubClient } from "../client/github-client.js";
import { recoverMissedDeliveries } from "./recover-missed-deliveries.js";

/** A webhook Portolan registered, and the client of the credential that registered it. */
export interface RegisteredHook {
  /** e.g. `/orgs/acme/hooks/12` or `/repos/octocat/hello/hooks/34`. */
  hookPath: string;
  /** GitHub's id of the hook: its check's mark is kept by it, which a rename does not change. */
  hookId: number;
  client: GitHubClient;
}

/**
 * Where a hook's mark is kept: by its id, unique among a GitHub's hooks (organizations' and
 * repositories' alike), so that a renamed repository or organization keeps its mark.
 */
export function hookMarkKey(hookId: number): string {
  return `hook ${hookId}`;
}

/**
 * GitHub gives up on a delivery after 10 s; an attempt older than this is finished, so a periodic
 * check's mark may pass it (a younger one may still be under way, and not listed yet).
 */
export const DELIVERY_SETTLE_SECONDS = 20;

export interface RecoverRegisteredHooksOptions {
  ledger: DeliveryLedger;
  moment: MissedDeliveriesMoment;
  /** When the data source started (ms since the epoch): a hook's first check covers what came since. */
  startedAt: number;
  signal: AbortSignal;
  logger: Logger;
}

export async function recoverRegisteredHooks(
  hooks: Iterable<RegisteredHook>,
  options: RecoverRegisteredHooksOptions,
): Promise<MissedDeliveriesReport> {
  const { logger, signal } = options;
  const report: MissedDeliveriesReport = {
    hooksChecked: 0,
    hooksSkipped: 0,
    hooksFailed: 0,
    redelivered: 0,
    deferred: 0,
    unrecoverable: [],
    needsResync: false,
  };
  for (const { hookPath, hookId, client } of hooks) {
    if (client.quotaReserved("core")) {
      logger.info(
        { hook: hookPath },
        "missed-delivery check skipped: the rest of the core rate limit is kept for live events",
      );
      report.hooksSkipped++;
      continue;
    }
    try {
      const outcome = await recoverMissedDeliveries(client, hookPath, {
        ledger: options.ledger,
        markKey: hookMarkKey(hookId),
        logger,
        signal,
        settleSeconds: options.moment === "interval" ? DELIVERY_SETTLE_SECONDS : 0,
        unmarkedSince: options.startedAt,
      });
      report.hooksChecked++;
      report.redelivered += outcome.redelivered;
      report.deferred += outcome.deferred;
      report.unrecoverable.push(
        ...outcome.unrecoverable.map((missed) => `${missed.event}.${missed.action ?? ""}`),
      );
      report.needsResync ||= outcome.unrecoverable.length > 0 || outcome.gapBeyondRetention;
    } catch (error) {
      if (signal.aborted) throw error;
      report.hooksFailed++;
      logger.error(
        { hook: hookPath, code: isPortolanError(error) ? error.code : undefined },
        `missed deliveries not recovered: ${isPortolanError(error) ? error.describe() : String(error)}`,
      );
    }
  }
  return report;
}
