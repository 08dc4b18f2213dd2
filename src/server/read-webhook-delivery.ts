import type { FastifyRequest } from "fastify";
import type { LiveEvent } from "../engine/integration/integration.js";
import type { WebhookRefusalReason } from "../engine/metrics/webhook-refusal-counter.js";
import { verifyWebhookSignature } from "./verify-webhook-signature.js";

/** Why a delivery is not stored: the answer's status and problem, and the `reason` it is counted under. */
export interface WebhookRefusal {
  reason: WebhookRefusalReason;
  status: number;
  code: string;
  message: string;
  hint: string;
}

/**
 * The checks a delivery passes before it is stored, in GitHub's terms: its signature over the exact
 * bytes received (when a secret is set), its event and delivery headers, a JSON object as body.
 */
export function readWebhookDelivery(
  request: FastifyRequest,
  webhookSecret: string | undefined,
): { event: LiveEvent } | { refusal: WebhookRefusal } {
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (webhookSecret) {
    const signature = header(request.headers["x-hub-signature-256"]);
    if (!signature) {
      return {
        refusal: {
          reason: "signature_missing",
          status: 401,
          code: "WEBHOOK_UNSIGNED",
          message: "the delivery has no X-Hub-Signature-256 header",
          hint: "Set the webhook's secret in GitHub to the integration's webhookSecret.",
        },
      };
    }
    if (!verifyWebhookSignature(webhookSecret, body, signature)) {
      return {
        refusal: {
          reason: "signature_mismatch",
          status: 401,
          code: "WEBHOOK_BAD_SIGNATURE",
          message: "X-Hub-Signature-256 does not match the body",
          hint: "Verify that the webhook's secret in GitHub matches webhookSecret.",
        },
      };
    }
  }
  const deliveryId = header(request.headers["x-github-delivery"]);
  const eventName = header(request.headers["x-github-event"]);
  if (!eventName || !deliveryId) {
    return {
      refusal: {
        reason: "headers_missing",
        status: 400,
        code: "WEBHOOK_MISSING_HEADERS",
        message: "X-GitHub-Event and X-GitHub-Delivery headers are required",
        hint: "Send deliveries as GitHub does.",
      },
    };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString("utf8"));
  } catch (error) {
    return {
      refusal: {
        reason: "not_json",
        status: 400,
        code: "WEBHOOK_NOT_JSON",
        message: `the body is not JSON (${(error as Error).message})`,
        hint: "Set the webhook's content type to application/json.",
      },
    };
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return {
      refusal: {
        reason: "not_an_object",
        status: 400,
        code: "WEBHOOK_NOT_AN_OBJECT",
        message: "the body must be a JSON object",
        hint: "Send deliveries as GitHub does.",
      },
    };
  }
  return { event: { deliveryId, name: eventName, payload: payload as Record<string, unknown> } };
}

export function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
