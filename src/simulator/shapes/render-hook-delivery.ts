import type { components } from "@octokit/openapi-types";
import type { DeliveryExchange, DeliveryRecord } from "../state/delivery.js";

export type HookDeliveryItem = components["schemas"]["hook-delivery-item"];
export type HookDelivery = components["schemas"]["hook-delivery"];

/** GitHub's wording of an attempt's outcome; `status_code` is 0 when no answer came. */
function describeOutcome(delivery: DeliveryRecord): string {
  if (!delivery.done) return "pending";
  if (delivery.statusCode === null)
    return delivery.error?.startsWith("timed out") ? "timed out" : "failed to connect to host";
  return delivery.statusCode >= 200 && delivery.statusCode < 300
    ? "OK"
    : `Invalid HTTP Response: ${delivery.statusCode}`;
}

/** `hook-delivery-item`: one attempt in a hook's delivery list. */
export function renderHookDeliveryItem(delivery: DeliveryRecord): HookDeliveryItem {
  return deliverySummary(delivery);
}

/** The fields both shapes share (typed as the stricter `hook-delivery`, whose ids are plain numbers). */
function deliverySummary(delivery: DeliveryRecord): Omit<HookDelivery, "url" | "request" | "response"> {
  return {
    id: delivery.attemptId,
    guid: delivery.id,
    delivered_at: delivery.deliveredAt.replace(/\.\d+Z$/, "Z"),
    redelivery: delivery.redelivery,
    duration: delivery.durationMs / 1000,
    status: describeOutcome(delivery),
    status_code: delivery.statusCode ?? 0,
    event: delivery.event,
    action: delivery.action,
    installation_id: null,
    repository_id: delivery.repositoryId,
    throttled_at: null,
  };
}

/** `hook-delivery`: one attempt with what was sent and what came back. */
export function renderHookDelivery(delivery: DeliveryRecord, exchange: DeliveryExchange): HookDelivery {
  return {
    ...deliverySummary(delivery),
    url: delivery.url,
    request: { headers: exchange.request.headers, payload: exchange.request.payload },
    response: { headers: exchange.response.headers, payload: exchange.response.body },
  };
}
