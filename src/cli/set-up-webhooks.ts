import type { MissedDeliveriesReport } from "../engine/events/delivery-ledger.js";
import type { WebhookRegistration } from "../github/create-github-integration.js";
import type { PortolanWithSettingsSource } from "./settings-data-source.js";

export interface WebhookSetUp {
  registrations: WebhookRegistration[];
  /** What the start's missed-delivery check found; undefined when it did not run (see the log). */
  recovery: MissedDeliveriesReport | undefined;
}

/**
 * At start: create or repair the organization webhooks, then recover what was missed while Portolan
 * was down — missed deliveries are redelivered into the inbox (which drops duplicates); misses GitHub
 * no longer redelivers (older than 3 days) are brought back by a resync. Then the same check runs every
 * `recoveryIntervalSeconds` while the server runs (0: only at start).
 */
export async function setUpWebhooks(
  portolan: Pick<PortolanWithSettingsSource, "dataSource" | "integration">,
  webhookUrl: string,
  recoveryIntervalSeconds: number,
): Promise<WebhookSetUp> {
  const { dataSource } = portolan;
  const registrations = await portolan.integration.registerWebhooks(
    webhookUrl,
    dataSource.boundMapping.options,
  );
  const recovery = await dataSource.checkMissedDeliveries("start");
  dataSource.scheduleMissedDeliveryChecks(recoveryIntervalSeconds);
  return { registrations, recovery };
}
