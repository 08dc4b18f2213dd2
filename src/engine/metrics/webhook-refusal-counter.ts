import { Counter, type Registry } from "prom-client";

/**
 * Why the webhook endpoint refused a delivery: the `reason` label, a fixed set so that nobody posting
 * to the public endpoint can grow the metric (docs/errors.md maps each to its error code).
 */
export const WEBHOOK_REFUSAL_REASONS = [
  "unknown_data_source",
  "signature_missing",
  "signature_mismatch",
  "headers_missing",
  "not_json",
  "not_an_object",
  "too_large",
  "unreadable_body",
] as const;

export type WebhookRefusalReason = (typeof WEBHOOK_REFUSAL_REASONS)[number];

export interface WebhookRefusals {
  /** `dataSource` is undefined when the path names no running data source. */
  count(dataSource: string | undefined, reason: WebhookRefusalReason): void;
}

/**
 * `portolan_webhook_deliveries_refused_total`: refused deliveries never reach the store, so this
 * replica counts them in memory, from its start (Prometheus' `increase()` handles the reset). Each
 * running data source (`runningDataSources`, read at every scrape) shows every reason from 0, so that an
 * `increase()` alert fires at the first refusal, not the second.
 */
export function registerWebhookRefusalCounter(
  registry: Registry,
  runningDataSources: () => Iterable<string>,
): WebhookRefusals {
  const counter = new Counter({
    name: "portolan_webhook_deliveries_refused_total",
    help: `Webhook deliveries refused (not stored) since this process started, by data source (empty when the path names none) and reason (${WEBHOOK_REFUSAL_REASONS.join(", ")})`,
    labelNames: ["data_source", "reason"],
    registers: [registry],
    collect() {
      for (const dataSource of runningDataSources()) {
        for (const reason of WEBHOOK_REFUSAL_REASONS) {
          // A path that names a running data source is never refused as naming none.
          if (reason !== "unknown_data_source") this.inc({ data_source: dataSource, reason }, 0);
        }
      }
    },
  });
  return {
    count(dataSource, reason) {
      counter.inc({ data_source: dataSource ?? "", reason });
    },
  };
}
