import type { FastifyInstance } from "fastify";
import { sendGitHubError, sendNotFound, sendValidationFailed } from "../http/github-error.js";
import { HOOKS_READ, HOOKS_WRITE, orgHookAccess } from "../http/org-hook-access.js";
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from "../http/pagination.js";
import { requireContext } from "../http/request-context.js";
import { renderHookDelivery, renderHookDeliveryItem } from "../shapes/render-hook-delivery.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { DeliveryRecord } from "../state/delivery.js";

const DOCS = {
  list: "https://docs.github.com/rest/orgs/webhooks#list-deliveries-for-an-organization-webhook",
  get: "https://docs.github.com/rest/orgs/webhooks#get-a-webhook-delivery-for-an-organization-webhook",
  redeliver: "https://docs.github.com/rest/orgs/webhooks#redeliver-a-delivery-for-an-organization-webhook",
};

/** `status=success` is a status code of 200-399, `failure` 400-599 (so "failed to connect", 0, is neither). */
const STATUS_FILTERS: Record<string, (code: number) => boolean> = {
  success: (code) => code >= 200 && code <= 399,
  failure: (code) => code >= 400 && code <= 599,
};

/** Cursors name the last attempt of the previous page; the next page holds older attempts. */
const CURSOR = /^v1_(\d+)$/;

/**
 * A hook's deliveries: the list (newest first, cursor pagination with a `Link` header, `status`
 * filter), one attempt with its request and response, and redelivery (`202`, the same guid, a new
 * attempt marked `redelivery`). The attempt to redeliver must be younger than the redelivery window.
 */
export function registerOrgHookDeliveryRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state, webhooks } = context;
  const { authorizedOrg, findHook } = orgHookAccess(context);

  const findAttempt = (hookId: number, id: string): DeliveryRecord | undefined =>
    /^\d+$/.test(id)
      ? state.deliveries().find((delivery) => delivery.hookId === hookId && delivery.attemptId === Number(id))
      : undefined;

  app.get<{ Params: { org: string; id: string }; Querystring: Record<string, string> }>(
    "/orgs/:org/hooks/:id/deliveries",
    HOOKS_READ,
    async (request, reply) => {
      const org = authorizedOrg(request, reply, request.params.org, DOCS.list);
      if (!org) return reply;
      const hook = findHook(org, request.params.id);
      if (!hook) return sendNotFound(reply, DOCS.list);
      const { cursor, status } = request.query;
      const cursorMatch = cursor === undefined ? undefined : CURSOR.exec(cursor);
      if (cursorMatch === null) return sendGitHubError(reply, 400, "Invalid cursor", DOCS.list);
      const statusFilter = status === undefined ? undefined : STATUS_FILTERS[status];
      if (status !== undefined && !statusFilter) {
        return sendValidationFailed(reply, DOCS.list, [
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
          `<${urls.api}/orgs/${org.login}/hooks/${hook.id}/deliveries?${params.toString()}>; rel="next"`,
        );
      }
      return page.map(renderHookDeliveryItem);
    },
  );

  app.get<{ Params: { org: string; id: string; delivery: string } }>(
    "/orgs/:org/hooks/:id/deliveries/:delivery",
    HOOKS_READ,
    async (request, reply) => {
      const org = authorizedOrg(request, reply, request.params.org, DOCS.get);
      if (!org) return reply;
      const hook = findHook(org, request.params.id);
      const delivery = hook && findAttempt(hook.id, request.params.delivery);
      const exchange = delivery && state.deliveryExchange(delivery.attemptId);
      if (!delivery || !exchange) return sendNotFound(reply, DOCS.get);
      return renderHookDelivery(delivery, exchange);
    },
  );

  app.post<{ Params: { org: string; id: string; delivery: string } }>(
    "/orgs/:org/hooks/:id/deliveries/:delivery/attempts",
    HOOKS_WRITE,
    async (request, reply) => {
      const org = authorizedOrg(request, reply, request.params.org, DOCS.redeliver);
      if (!org) return reply;
      const hook = findHook(org, request.params.id);
      const delivery = hook && findAttempt(hook.id, request.params.delivery);
      if (!hook || !delivery) return sendNotFound(reply, DOCS.redeliver);
      const ageSeconds = (Date.now() - Date.parse(delivery.deliveredAt)) / 1000;
      if (ageSeconds > webhooks.switch.redeliveryWindowSeconds) {
        return sendValidationFailed(reply, DOCS.redeliver, [
          { resource: "Hook", code: "custom", message: "This delivery is too old to be redelivered" },
        ]);
      }
      webhooks.redeliver(hook, org, delivery);
      return reply.code(202).send({});
    },
  );
}
