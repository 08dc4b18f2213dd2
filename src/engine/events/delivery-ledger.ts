import type { Database } from "../store/database.js";
import { type WebhookDeliveryMark, WebhookDeliveryMarks } from "./webhook-delivery-marks.js";
import type { WebhookInbox } from "./webhook-inbox.js";

/**
 * What the engine keeps for missed-delivery recovery: how far each source webhook's deliveries were
 * checked, and which delivery ids the inbox already holds (those need no redelivery).
 */
export interface DeliveryLedger {
  /** Undefined before the hook's first check. */
  mark(hook: string): Promise<WebhookDeliveryMark | undefined>;
  setMark(hook: string, mark: WebhookDeliveryMark): Promise<void>;
  /** Which of these delivery ids the inbox already holds. */
  received(deliveryIds: readonly string[]): Promise<Set<string>>;
}

/** When a check runs: `start`, the receiver just came up; `interval`, a periodic check while it runs. */
export type MissedDeliveriesMoment = "start" | "interval";

/** What one check of a source's webhooks for missed deliveries found and did. */
export interface MissedDeliveriesReport {
  /** Webhooks whose deliveries were listed. */
  hooksChecked: number;
  /** Webhooks left for the next check because the source's request quota is kept for live events. */
  hooksSkipped: number;
  /** Webhooks whose check failed (logged); their mark did not move, so the next check covers them. */
  hooksFailed: number;
  redelivered: number;
  /** Misses beyond one check's redelivery limit, left for the next check. */
  deferred: number;
  /** Misses the source no longer redelivers, as `event.action`: what they touched needs a resync. */
  unrecoverable: string[];
  /** Some misses cannot be redelivered (too old, or possibly gone from the source's history): resync. */
  needsResync: boolean;
}

/** The ledger of one data source: its marks in the store and its inbox. */
export function deliveryLedgerOf(
  database: Database,
  dataSource: string,
  inbox: WebhookInbox,
): DeliveryLedger {
  const marks = new WebhookDeliveryMarks(database, dataSource);
  return {
    mark: (hook) => marks.read(hook),
    setMark: (hook, mark) => marks.write(hook, mark),
    received: (deliveryIds) => inbox.received(deliveryIds),
  };
}
