import type { FastifyInstance } from "fastify";
import { orgHookFamily } from "../http/org-hook-access.js";
import type { SimulatorContext } from "../simulator-context.js";
import { registerHookDeliveryRoutes } from "./hook-delivery-routes.js";
import { registerHookRoutes } from "./hook-routes.js";

/**
 * Organization webhooks (`/orgs/{org}/hooks…`) and their deliveries: the shared hook routes, for an
 * organization owner whose token has `admin:org_hook`.
 */
export function registerOrgHookRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const family = orgHookFamily(context);
  registerHookRoutes(app, context, family);
  registerHookDeliveryRoutes(app, context, family);
}
