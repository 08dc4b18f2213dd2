import type { FastifyInstance } from "fastify";
import { RateLimitSettingsPatch } from "../http/rate-limit-settings.js";
import type { SimulatorContext } from "../simulator-context.js";
import { controlRequest } from "./control-request.js";

/**
 * `GET /_simulator/rate-limits` (the limits in force), `PATCH` (change some; counts already spent stay),
 * `DELETE /_simulator/rate-limits/usage` (every budget whole again).
 */
export function registerRateLimitControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { traffic } = context;
  const { parse } = controlRequest(context);
  app.get("/rate-limits", async () => traffic.settings);
  app.patch("/rate-limits", async (request, reply) => {
    const patch = parse(RateLimitSettingsPatch, request.body, reply);
    if (!patch) return reply;
    Object.assign(traffic.settings, patch);
    return traffic.settings;
  });
  app.delete("/rate-limits/usage", async (_request, reply) => {
    traffic.ledger.clear();
    traffic.secondary.clear();
    return reply.code(204).send();
  });
}
