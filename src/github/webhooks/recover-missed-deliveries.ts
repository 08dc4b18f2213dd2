/**
 * Missed-delivery recovery (issue 8 point 5): after downtime, a hook's deliveries since the last check
 * are listed (`GET …/hooks/{id}/deliveries`, newest first); an event none of whose attempts was
 * answered 2xx and that the inbox does not hold is redelivered (`POST …/deliveries/{id}/attempts`),
 * oldest first and at most `maxRedeliveries` per run. GitHub redelivers only what is younger than 3
 * days: older misses are reported, so the caller can resync instead. The inbox's `X-GitHub-Delivery`
 * dedupe makes a redelivery of something already applied harmless.
 */
import type { Logger } from "pino";
import type { DeliveryLedger } from "../../engine/events/delivery-ledger.js";
import type { WebhookDeliveryMark } from "../../engine/events/webhook-delivery-marks.js";
import type { GitHubClient } from "../client/github-client.js";
import { isRequestErrorLike } from "../client/translate-request-error.js";

export type { DeliveryLedger } from "../../engine/events/delivery-ledger.js";

/**
 * How far a hook's deliveries were checked: the newest attempt id seen (GitHub's delivery ids grow with
 * time, so "newer" needs no clock) and its `delivered_at`, to tell when GitHub may have dropped some.
 */
export type DeliveryMark = WebhookDeliveryMark;

export interface DeliveryRecoveryOptions {
  ledger: DeliveryLedger;
  /**
   * The key the hook's mark is kept under (default: its path). A mark that earlier versions kept under
   * the path is read when none is kept under this key, and moved to it.
   */
  markKey?: string;
  /** Redeliveries asked for in one run; the rest wait for the next run (the mark stays before them). */
  maxRedeliveries?: number;
  /**
   * Attempts younger than this are left for the next run, and the mark stays before them: one still
   * under way may not be listed yet, and the mark must not pass it (0 right after a start, when
   * nothing was under way towards a running receiver).
   */
  settleSeconds?: number;
  /**
   * For a hook never checked before (no mark): when the data source started, in ms since the epoch.
   * Its start resync reads what came before; deliveries since then may have been missed and are checked.
   * Without it, the first check only sets the mark.
   */
  unmarkedSince?: number;
  logger: Logger;
  signal?: AbortSignal;
}

/** An event GitHub no longer redelivers. */
export interface UnrecoverableDelivery {
  guid: string;
  event: string;
  action: string | null;
  deliveredAt: string;
}

export interface DeliveryRecoveryOutcome {
  /** Delivery attempts listed. */
  scanned: number;
  redelivered: number;
  /** Missed events left for the next run (beyond `maxRedeliveries`). */
  deferred: number;
  /** Missed events too old to redeliver: the kinds they touch need a resync. */
  unrecoverable: UnrecoverableDelivery[];
  /** The previous check is older than GitHub's retention, so events may be missing from the list too. */
  gapBeyondRetention: boolean;
}

interface DeliveryItem {
  id: number;
  guid: string;
  delivered_at: string;
  status_code: number;
  event: string;
  action: string | null;
}

/** GitHub redelivers deliveries of the past 3 days. */
export const REDELIVERY_WINDOW_MS = 3 * 24 * 3600 * 1000;
const DEFAULT_MAX_REDELIVERIES = 100;

/** One event's attempts within the scanned range. */
interface EventAttempts {
  guid: string;
  event: string;
  action: string | null;
  firstDeliveredAt: string;
  firstAttemptId: number;
  newestAttemptId: number;
  answered: boolean;
}

export async function recoverMissedDeliveries(
  client: GitHubClient,
  hookPath: string,
  options: DeliveryRecoveryOptions,
): Promise<DeliveryRecoveryOutcome> {
  const { ledger, logger, signal } = options;
  const scope = signal ? { signal } : {};
  const markKey = options.markKey ?? hookPath;
  const keptMark = await ledger.mark(markKey);
  const formerMark = keptMark === undefined && markKey !== hookPath ? await ledger.mark(hookPath) : undefined;
  const mark = keptMark ?? formerMark;
  const outcome: DeliveryRecoveryOutcome = {
    scanned: 0,
    redelivered: 0,
    deferred: 0,
    unrecoverable: [],
    gapBeyondRetention:
      mark !== undefined && Date.now() - Date.parse(mark.deliveredAt) > REDELIVERY_WINDOW_MS,
  };

  const events = new Map<string, EventAttempts>();
  const settledBy = Date.now() - (options.settleSeconds ?? 0) * 1000;
  let newest: DeliveryMark | undefined;
  listing: for await (const page of client.pages<DeliveryItem>(
    `GET ${hookPath}/deliveries`,
    { per_page: 100 },
    { purpose: `listing the deliveries of webhook ${hookPath}`, ...scope },
  )) {
    for (const item of page) {
      if (Date.parse(item.delivered_at) > settledBy) continue;
      newest ??= { attemptId: item.id, deliveredAt: item.delivered_at };
      if (mark === undefined ? !sinceStart(item, options.unmarkedSince) : item.id <= mark.attemptId)
        break listing;
      outcome.scanned++;
      const known = events.get(item.guid);
      const answered = item.status_code >= 200 && item.status_code < 300;
      if (known) {
        // Newest first: this attempt is older than the one already seen.
        known.firstDeliveredAt = item.delivered_at;
        known.firstAttemptId = item.id;
        known.answered ||= answered;
      } else {
        events.set(item.guid, {
          guid: item.guid,
          event: item.event,
          action: item.action,
          firstDeliveredAt: item.delivered_at,
          firstAttemptId: item.id,
          newestAttemptId: item.id,
          answered,
        });
      }
    }
  }

  const unanswered = [...events.values()].filter((attempts) => !attempts.answered);
  const received =
    unanswered.length > 0 ? await ledger.received(unanswered.map((e) => e.guid)) : new Set<string>();
  const missed = unanswered
    .filter((attempts) => !received.has(attempts.guid))
    .sort((a, b) => a.firstAttemptId - b.firstAttemptId);

  const maxRedeliveries = options.maxRedeliveries ?? DEFAULT_MAX_REDELIVERIES;
  let resumeAt: DeliveryMark | undefined;
  for (const attempts of missed) {
    const tooOld = Date.now() - Date.parse(attempts.firstDeliveredAt) > REDELIVERY_WINDOW_MS;
    if (!tooOld && outcome.redelivered >= maxRedeliveries) {
      // The next run starts just before this event's first attempt.
      resumeAt ??= { attemptId: attempts.firstAttemptId - 1, deliveredAt: attempts.firstDeliveredAt };
      outcome.deferred++;
      continue;
    }
    if (!tooOld && (await redeliver(client, hookPath, attempts.newestAttemptId, scope))) {
      outcome.redelivered++;
      continue;
    }
    outcome.unrecoverable.push({
      guid: attempts.guid,
      event: attempts.event,
      action: attempts.action,
      deliveredAt: attempts.firstDeliveredAt,
    });
  }

  // A hook without any delivery yet starts its history now.
  const nextMark = resumeAt ?? newest ?? mark ?? { attemptId: 0, deliveredAt: new Date().toISOString() };
  if (nextMark.attemptId !== mark?.attemptId || formerMark !== undefined)
    await ledger.setMark(markKey, nextMark);
  if (outcome.redelivered > 0 || outcome.deferred > 0 || outcome.unrecoverable.length > 0) {
    logger.warn(
      {
        hook: hookPath,
        redelivered: outcome.redelivered,
        deferred: outcome.deferred,
        unrecoverable: outcome.unrecoverable.map(
          (missedEvent) => `${missedEvent.event}.${missedEvent.action}`,
        ),
      },
      "missed webhook deliveries found",
    );
  }
  return outcome;
}

/**
 * GitHub's clock and ours may differ a little: a first check also looks at attempts this much older
 * than the start (redelivering one the start's resync already read is harmless).
 */
const CLOCK_MARGIN_MS = 60_000;

/** Whether a hook's first check must look at this attempt: made after the data source started. */
function sinceStart(item: DeliveryItem, unmarkedSince: number | undefined): boolean {
  return unmarkedSince !== undefined && Date.parse(item.delivered_at) >= unmarkedSince - CLOCK_MARGIN_MS;
}

/** Asks GitHub to send one attempt again; false when GitHub refuses it as too old (422). */
async function redeliver(
  client: GitHubClient,
  hookPath: string,
  attemptId: number,
  scope: { signal?: AbortSignal },
): Promise<boolean> {
  try {
    await client.request(
      `POST ${hookPath}/deliveries/${attemptId}/attempts`,
      {},
      { purpose: `redelivering delivery ${attemptId} of webhook ${hookPath}`, ...scope },
    );
    return true;
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    if (isRequestErrorLike(cause) && cause.status === 422) return false;
    throw error;
  }
}
