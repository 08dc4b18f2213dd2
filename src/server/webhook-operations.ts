import { z } from "zod";
import type { ApiOperation, ApiResponse } from "./openapi/api-operation.js";
import { pathSegment } from "./openapi/common-schemas.js";

export const deliveryAcceptedResponse = z.object({
  status: z
    .enum(["queued", "duplicate", "ignored"])
    .describe("queued; duplicate: a redelivery, not processed twice; ignored: no kind reads this event"),
  deliveryId: z.string(),
});

const deliveryHeaders = z.object({
  "x-github-event": z.string().describe("the event name, e.g. pull_request"),
  "x-github-delivery": z.string().describe("the delivery's unique id"),
  "x-hub-signature-256": z
    .string()
    .optional()
    .describe("sha256=HMAC of the body with the webhook secret; required when the data source has one"),
});

const deliveryResponses: Readonly<Record<number, ApiResponse>> = {
  202: {
    description: "Stored durably (or ignored); processed by the workers.",
    schema: deliveryAcceptedResponse,
  },
  400: {
    description: "Headers missing, or the body is not a JSON object.",
    codes: ["WEBHOOK_MISSING_HEADERS", "WEBHOOK_NOT_JSON", "WEBHOOK_NOT_AN_OBJECT"],
  },
  401: {
    description: "The signature is missing or does not match the body.",
    codes: ["WEBHOOK_UNSIGNED", "WEBHOOK_BAD_SIGNATURE"],
  },
  404: {
    description: "No data source receives webhooks at this path.",
    codes: ["WEBHOOK_UNKNOWN_DATA_SOURCE"],
  },
};

const delivery = {
  tag: "Webhooks",
  access: "webhook-signature",
  headers: deliveryHeaders,
  body: {
    schema: z.record(z.string(), z.unknown()),
    description: "GitHub's event payload, as GitHub sends it (content type json).",
    // The signature covers the exact bytes, so the route reads them whatever the content type.
    raw: true,
  },
  responses: deliveryResponses,
} as const;

/** GitHub's webhook deliveries: checked by their signature, stored durably, answered 202. */
export const webhookOperations: readonly ApiOperation[] = [
  {
    ...delivery,
    method: "POST",
    url: "/integration/webhook",
    operationId: "receiveSettingsWebhook",
    summary: "Receive a GitHub delivery for the data source from settings",
  },
  {
    ...delivery,
    method: "POST",
    url: "/integration/webhook/:dataSourceId",
    operationId: "receiveWebhook",
    summary: "Receive a GitHub delivery for a data source added in the portal",
    params: z.object({ dataSourceId: pathSegment.describe("the data source's id") }),
  },
];
