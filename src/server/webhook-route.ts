import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Registry } from "prom-client";
import type { z } from "zod";
import type { DataSource } from "../engine/data-source/data-source.js";
import type { Logger } from "../engine/logging/create-logger.js";
import { registerWebhookRefusalCounter } from "../engine/metrics/webhook-refusal-counter.js";
import { header, readWebhookDelivery, type WebhookRefusal } from "./read-webhook-delivery.js";
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
  storedTargets?: { find(id: string): WebhookTarget | undefined; runningIds(): Iterable<string> };
  /** `/metrics`' registry, where the route counts the deliveries it refuses. */
  metrics: Registry;
  logger: Logger;
}

/**
 * `POST /integration/webhook`: verify the signature over the exact bytes received, store the
 * delivery durably, answer 202 — well within GitHub's 10 s, whatever the workers are doing. Every
 * refusal is logged and counted, so that a drifted secret shows on the dashboard.
 */
export async function registerWebhookRoute(
  app: FastifyInstance,
  options: WebhookRouteOptions,
): Promise<void> {
  const { logger } = options;
  const refusals = registerWebhookRefusalCounter(options.metrics, () => [
    ...(options.settingsTarget ? [options.settingsTarget.dataSource.id] : []),
    ...(options.storedTargets?.runningIds() ?? []),
  ]);
  const targetOf = (request: FastifyRequest) => {
    const id = dataSourceIdOf(request);
    return id === undefined ? options.settingsTarget : options.storedTargets?.find(id);
  };
  const deliveryLogger = (request: FastifyRequest, target: WebhookTarget | undefined) =>
    logger.child({
      dataSource: target?.dataSource.id,
      deliveryId: header(request.headers["x-github-delivery"]),
      event: header(request.headers["x-github-event"]),
    });
  const countRefusal = (
    log: Logger,
    target: WebhookTarget | undefined,
    refusal: Pick<WebhookRefusal, "reason" | "code" | "message">,
  ) => {
    refusals.count(target?.dataSource.id, refusal.reason);
    log.warn({ reason: refusal.reason, code: refusal.code }, `webhook refused: ${refusal.message}`);
  };
  const refuse = (
    reply: FastifyReply,
    log: Logger,
    target: WebhookTarget | undefined,
    refusal: WebhookRefusal,
  ) => {
    countRefusal(log, target, refusal);
    return reply.code(refusal.status).send(problem(refusal.code, refusal.message, refusal.hint));
  };
  const receive = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = targetOf(request);
    const log = deliveryLogger(request, target);
    if (!target) return refuse(reply, log, undefined, unknownDataSource(dataSourceIdOf(request)));
    const { dataSource, webhookSecret } = target;
    const delivery = readWebhookDelivery(request, webhookSecret);
    if ("refusal" in delivery) return refuse(reply, log, target, delivery.refusal);
    const { event } = delivery;
    const { deliveryId } = event;
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
  };
  await app.register(async (scope) => {
    // The signature covers the raw bytes, so the body is kept as a Buffer and parsed here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: MAX_WEBHOOK_BYTES },
      (_request, body, done) => done(null, body),
    );
    // The body reader refuses before a handler runs (too large, shorter than its Content-Length);
    // the server's error handler answers, this counts.
    scope.addHook("onError", async (request, _reply, error) => {
      const status = error.statusCode ?? 500;
      if (status < 400 || status >= 500) return;
      const target = targetOf(request);
      countRefusal(deliveryLogger(request, target), target, {
        reason: error.code === "FST_ERR_CTP_BODY_TOO_LARGE" ? "too_large" : "unreadable_body",
        code: error.code,
        message: error.message,
      });
    });
    scope.post("/integration/webhook", { bodyLimit: MAX_WEBHOOK_BYTES }, receive);
    scope.post("/integration/webhook/:dataSourceId", { bodyLimit: MAX_WEBHOOK_BYTES }, receive);
  });
}

/** Undefined at `/integration/webhook`, the path of the data source from settings. */
function dataSourceIdOf(request: FastifyRequest): string | undefined {
  return (request.params as { dataSourceId?: string }).dataSourceId;
}

function unknownDataSource(dataSourceId: string | undefined): WebhookRefusal {
  const refusal = {
    reason: "unknown_data_source",
    status: 404,
    code: "WEBHOOK_UNKNOWN_DATA_SOURCE",
  } as const;
  return dataSourceId === undefined
    ? {
        ...refusal,
        message: "no data source from settings receives webhooks at /integration/webhook",
        hint: "Data sources added in the portal receive theirs at /integration/webhook/{id}: point the webhook's URL in GitHub at the webhook path shown on the data source's page.",
      }
    : {
        ...refusal,
        message: `no running data source "${dataSourceId}" receives webhooks here`,
        hint: "Check the webhook's URL in GitHub against the data source's webhook path in the portal.",
      };
}

export function problem(code: string, message: string, hint?: string) {
  return { error: { code, message, ...(hint ? { hint } : {}) } };
}
