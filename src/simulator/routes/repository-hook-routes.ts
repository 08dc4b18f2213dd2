import type { FastifyInstance } from "fastify";
import { repositoryHookFamily } from "../http/repository-hook-access.js";
import type { SimulatorContext } from "../simulator-context.js";
import { registerHookDeliveryRoutes } from "./hook-delivery-routes.js";
import { registerHookRoutes } from "./hook-routes.js";

/**
 * Repository webhooks (`/repos/{owner}/{repo}/hooks…`) and their deliveries: the shared hook routes, for
 * whoever administers the repository (see `repository-hook-access.ts`).
 */
export function registerRepositoryHookRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const family = repositoryHookFamily(context);
  registerHookRoutes(app, context, family);
  registerHookDeliveryRoutes(app, context, family);
}
