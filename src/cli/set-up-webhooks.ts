import { WebhookDeliveryMarks } from "../engine/events/webhook-delivery-marks.js";
import type { Logger } from "../engine/logging/create-logger.js";
import type { WebhookRegistration } from "../github/create-github-integration.js";
import type { RunningPortolan } from "./start-portolan.js";

/**
 * At start: create or repair the organization webhooks, then recover what was missed while Portolan
 * was down — missed deliveries are redelivered into the inbox (which drops duplicates); misses GitHub
 * no longer redelivers (older than 3 days) are brought back by a resync.
 */
export async function setUpWebhooks(
  portolan: Pick<RunningPortolan, "database" | "dataSource" | "integration">,
  webhookUrl: string,
  logger: Logger,
): Promise<WebhookRegistration[]> {
  const { dataSource } = portolan;
  const marks = new WebhookDeliveryMarks(portolan.database, dataSource.id);
  const registrations = await portolan.integration.registerWebhooks(
    webhookUrl,
    dataSource.boundMapping.options,
    {
      ledger: {
        mark: (hook) => marks.read(hook),
        setMark: (hook, mark) => marks.write(hook, mark),
        received: (guids) => dataSource.inbox.received(guids),
      },
    },
  );
  const recoveries = registrations.flatMap((registration) =>
    "recovery" in registration && registration.recovery ? [registration.recovery] : [],
  );
  const unrecoverable = recoveries.flatMap((recovery) => recovery.unrecoverable);
  if (unrecoverable.length > 0 || recoveries.some((recovery) => recovery.gapBeyondRetention)) {
    logger.warn(
      { events: unrecoverable.map((missed) => `${missed.event}.${missed.action ?? ""}`) },
      "webhook deliveries were missed longer ago than GitHub redelivers (3 days): resyncing",
    );
    await dataSource.requestResync("missed-deliveries");
  }
  return registrations;
}
