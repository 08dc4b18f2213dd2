import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { DataSource } from "../engine/data-source/data-source.js";
import type { Logger } from "../engine/logging/create-logger.js";
import { verifyWebhookSignature } from "./verify-webhook-signature.js";
import type { deliveryAcceptedResponse } from "./webhook-operations.js";

/** GitHub refuses to send payloads over 25 MB; anything larger is not GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

/** A data source deliveries go to, with the secret their signatures are checked against. */
export interface WebhookTarget {
  dataSource: DataSource;
  /** Empty: signatures are not checked (Ocean's behaviour), with a warning at start. */
  webhookSecret: string | undefined;
}

export interface WebhookRouteOptions {
  /** The data source from settings, at `/integration/webhook`; unset when the settings name none. */
  settingsTarget?: WebhookTarget;
  /** Data sources added in the portal, each at `/integration/webhook/{id}`. */
  storedTargets?: { find(id: string): WebhookTarget | undefined };
  logger: Logger;
}

/**
 * `POST /integration/webhook`: verify the signature over the exact bytes received, store the
 * delivery durably, answer 202 — well within GitHub's 10 s, whatever the workers are doing.
 */
export async function registerWebhookRoute(
  app: FastifyInstance,
  options: WebhookRouteOptions,
): Promise<void> {
  const { logger } = options;
  await app.register(async (scope) => {
    // The signature covers the raw bytes, so the body is kept as a Buffer and parsed here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: MAX_WEBHOOK_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.post("/integration/webhook", { bodyLimit: MAX_WEBHOOK_BYTES }, (request, reply) => {
      if (!options.settingsTarget) {
        return reply
          .code(404)
          .send(
            problem(
              "WEBHOOK_UNKNOWN_DATA_SOURCE",
              "no data source from settings receives webhooks at /integration/webhook",
              "Data sources added in the portal receive theirs at /integration/webhook/{id}: point the webhook's URL in GitHub at the webhook path shown on the data source's page.",
            ),
          );
      }
      return receiveDelivery(request, reply, options.settingsTarget, logger);
    });
    scope.post<{ Params: { dataSourceId: string } }>(
      "/integration/webhook/:dataSourceId",
      { bodyLimit: MAX_WEBHOOK_BYTES },
      (request, reply) => {
        const target = options.storedTargets?.find(request.params.dataSourceId);
        if (!target) {
          return reply
            .code(404)
            .send(
              problem(
                "WEBHOOK_UNKNOWN_DATA_SOURCE",
                `no running data source "${request.params.dataSourceId}" receives webhooks here`,
                "Check the webhook's URL in GitHub against the data source's webhook path in the portal.",
              ),
            );
        }
        return receiveDelivery(request, reply, target, logger.child({ dataSource: target.dataSource.id }));
      },
    );
  });
}

async function receiveDelivery(
  request: FastifyRequest,
  reply: FastifyReply,
  target: WebhookTarget,
  logger: Logger,
) {
  const { dataSource, webhookSecret } = target;
  const deliveryId = header(request.headers["x-github-delivery"]);
  const eventName = header(request.headers["x-github-event"]);
  const log = logger.child({ deliveryId, event: eventName });
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (webhookSecret) {
    const signature = header(request.headers["x-hub-signature-256"]);
    if (!signature) {
      log.warn("webhook refused: no X-Hub-Signature-256 header");
      return reply
        .code(401)
        .send(
          problem(
            "WEBHOOK_UNSIGNED",
            "the delivery has no X-Hub-Signature-256 header",
            "Set the webhook's secret in GitHub to the integration's webhookSecret.",
          ),
        );
    }
    if (!verifyWebhookSignature(webhookSecret, body, signature)) {
      log.warn("webhook refused: signature does not match");
      return reply
        .code(401)
        .send(
          problem(
            "WEBHOOK_BAD_SIGNATURE",
            "X-Hub-Signature-256 does not match the body",
            "Verify that the webhook's secret in GitHub matches webhookSecret.",
          ),
        );
    }
  }
  if (!eventName || !deliveryId) {
    return reply
      .code(400)
      .send(
        problem(
          "WEBHOOK_MISSING_HEADERS",
          "X-GitHub-Event and X-GitHub-Delivery headers are required",
          "Send deliveries as GitHub does.",
        ),
      );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString("utf8"));
  } catch (error) {
    return reply
      .code(400)
      .send(
        problem(
          "WEBHOOK_NOT_JSON",
          `the body is not JSON (${(error as Error).message})`,
          "Set the webhook's content type to application/json.",
        ),
      );
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return reply
      .code(400)
      .send(
        problem("WEBHOOK_NOT_AN_OBJECT", "the body must be a JSON object", "Send deliveries as GitHub does."),
      );
  }
  const event = { deliveryId, name: eventName, payload: payload as Record<string, unknown> };
  // GitHub sends events nobody subscribed to (ping, and every event of an org webhook): answered
  // 2xx so GitHub does not mark the hook failing, but not stored.
  if (dataSource.integration.kindsTouchedBy(event).length === 0) {
    log.info("webhook ignored: no kind reads this event");
    return reply
      .code(202)
      .send({ status: "ignored", deliveryId } satisfies z.input<typeof deliveryAcceptedResponse>);
  }
  const outcome = await dataSource.receive(event);
  log.info(
    { accepted: outcome.accepted },
    outcome.accepted ? "webhook queued" : "webhook redelivery ignored",
  );
  return reply.code(202).send({
    status: outcome.accepted ? "queued" : "duplicate",
    deliveryId,
  } satisfies z.input<typeof deliveryAcceptedResponse>);
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function problem(code: string, message: string, hint?: string) {
  return { error: { code, message, ...(hint ? { hint } : {}) } };
}
