import type { FastifyInstance } from "fastify";
import { sendGitHubError, sendNotFound, sendValidationFailed } from "../http/github-error.js";
import type { HookFamily } from "../http/hook-family.js";
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from "../http/pagination.js";
import { requireContext } from "../http/request-context.js";
import { renderHookDelivery, renderHookDeliveryItem } from "../shapes/render-hook-delivery.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { DeliveryRecord } from "../state/delivery.js";
import type { HookRecord } from "../state/repository-hook.js";

/** `status=success` is a status code of 200-399, `failure` 400-599 (so "failed to connect", 0, is neither). */
const STATUS_FILTERS: Record<string, (code: number) => boolean> = {
  success: (code) => code >= 200 && code <= 399,
  failure: (code) => code >= 400 && code <= 599,
};

/** Cursors name the last attempt of the previous page; the next page holds older attempts. */
const CURSOR = /^v1_(\d+)$/;

type Params = Record<string, string>;

/**
 * A family's hook deliveries (organization or repository): the list (newest first, cursor pagination
 * with a `Link` header, `status` filter), one attempt with its request and response, and redelivery
 * (`202`, the same guid, a new attempt marked `redelivery`). The attempt to redeliver must be younger
 * than the redelivery window.
 */
export function registerHookDeliveryRoutes<Target, Hook extends HookRecord>(
  app: FastifyInstance,
  context: SimulatorContext,
  family: HookFamily<Target, Hook>,
): void {
  for (const collection of family.collections) registerHookDeliveryRoutesAt(app, context, family, collection);
}

function registerHookDeliveryRoutesAt<Target, Hook extends HookRecord>(
  app: FastifyInstance,
  context: SimulatorContext,
  family: HookFamily<Target, Hook>,
  collection: string,
): void {
  const { state, webhooks } = context;
  const { docs } = family;
  const deliveries = `${collection}/:hook_id/deliveries`;

  const findAttempt = (hookId: number, id: string): DeliveryRecord | undefined =>
    /^\d+$/.test(id)
      ? state.deliveries().find((delivery) => delivery.hookId === hookId && delivery.attemptId === Number(id))
      : undefined;

  app.get<{ Params: Params; Querystring: Record<string, string> }>(
    deliveries,
    family.read,
    async (request, reply) => {
      const target = family.authorize(request, reply, docs.listDeliveries);
      if (target === undefined) return reply;
      const hook = family.findHook(target, request.params.hook_id ?? "");
      if (!hook) return sendNotFound(reply, docs.listDeliveries);
      const { cursor, status } = request.query;
      const cursorMatch = cursor === undefined ? undefined : CURSOR.exec(cursor);
      if (cursorMatch === null) return sendGitHubError(reply, 400, "Invalid cursor", docs.listDeliveries);
      const statusFilter = status === undefined ? undefined : STATUS_FILTERS[status];
      if (status !== undefined && !statusFilter) {
        return sendValidationFailed(reply, docs.listDeliveries, [
          { resource: "Hook", code: "invalid", field: "status" },
        ]);
      }
      const perPage = Math.min(Math.max(Number(request.query.per_page) || DEFAULT_PER_PAGE, 1), MAX_PER_PAGE);
      const before = cursorMatch ? Number(cursorMatch[1]) : Number.POSITIVE_INFINITY;
      const matching: DeliveryRecord[] = [];
      const log = state.deliveries();
      for (let index = log.length - 1; index >= 0 && matching.length <= perPage; index--) {
        const delivery = log[index] as DeliveryRecord;
        if (delivery.hookId !== hook.id || delivery.attemptId >= before) continue;
        if (statusFilter && !statusFilter(delivery.statusCode ?? 0)) continue;
        matching.push(delivery);
      }
      const page = matching.slice(0, perPage);
      const last = page.at(-1);
      if (matching.length > perPage && last) {
        const { urls } = requireContext(request.github);
        const params = new URLSearchParams(request.query);
        params.set("cursor", `v1_${last.attemptId}`);
        reply.header(
          "link",
          `<${family.collectionUrl(target, urls)}/${hook.id}/deliveries?${params.toString()}>; rel="next"`,
        );
      }
      return page.map(renderHookDeliveryItem);
    },
  );

  app.get<{ Params: Params }>(`${deliveries}/:delivery_id`, family.read, async (request, reply) => {
    const target = family.authorize(request, reply, docs.getDelivery);
    if (target === undefined) return reply;
    const hook = family.findHook(target, request.params.hook_id ?? "");
    const delivery = hook && findAttempt(hook.id, request.params.delivery_id ?? "");
    const exchange = delivery && state.deliveryExchange(delivery.attemptId);
    if (!delivery || !exchange) return sendNotFound(reply, docs.getDelivery);
    return renderHookDelivery(delivery, exchange);
  });

  app.post<{ Params: Params }>(
    `${deliveries}/:delivery_id/attempts`,
    family.write,
    async (request, reply) => {
      const target = family.authorize(request, reply, docs.redeliver);
      if (target === undefined) return reply;
      const hook = family.findHook(target, request.params.hook_id ?? "");
      const delivery = hook && findAttempt(hook.id, request.params.delivery_id ?? "");
      if (!hook || !delivery) return sendNotFound(reply, docs.redeliver);
      const ageSeconds = (Date.now() - Date.parse(delivery.deliveredAt)) / 1000;
      if (ageSeconds > webhooks.switch.redeliveryWindowSeconds) {
        return sendValidationFailed(reply, docs.redeliver, [
          { resource: "Hook", code: "custom", message: "This delivery is too old to be redelivered" },
        ]);
      }
      webhooks.redeliver(hook, delivery);
      return reply.code(202).send({});
    },
  );
}
