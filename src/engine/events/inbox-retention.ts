import type { Logger } from "../logging/create-logger.js";
import type { WebhookInbox } from "./webhook-inbox.js";

/**
 * How long a finished event stays in the inbox. GitHub redelivers a delivery (same
 * X-GitHub-Delivery) up to 3 days after it was sent, and the row is what recognises it as a
 * redelivery; a fourth day covers clocks and late recovery runs. The portal's live view shows
 * these recent rows too.
 */
export const FINISHED_EVENT_RETENTION_SECONDS = 4 * 24 * 60 * 60;
const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Deletes finished events past retention now and every hour, so the inbox holds the queue and a few
 * days of history instead of every delivery ever received. Returns the stop.
 */
export function scheduleInboxRetention(
  inbox: WebhookInbox,
  logger: Logger,
  retentionSeconds = FINISHED_EVENT_RETENTION_SECONDS,
): () => void {
  const sweep = () => {
    inbox.forgetFinished(retentionSeconds).then(
      (deleted) => {
        if (deleted > 0)
          logger.info({ deleted, retentionSeconds }, "deleted finished webhook events past retention");
      },
      (error: unknown) => logger.warn({ err: error }, "cannot delete finished webhook events past retention"),
    );
  };
  sweep();
  const timer = setInterval(sweep, RETENTION_INTERVAL_MS);
  // Retention alone never keeps the process running.
  timer.unref();
  return () => clearInterval(timer);
}
