import type { FastifyInstance } from "fastify";
import type { LocalCatalog } from "../../engine/catalog/local-catalog.js";
import { registerBlueprintRoutes } from "./blueprint-routes.js";
import { registerEntityReadRoutes } from "./entity-read-routes.js";
import { registerEntityRoutes } from "./entity-routes.js";
import { registerIntegrationRoutes } from "./integration-routes.js";
import { registerOrganizationRoute } from "./organization-route.js";
import type { PortIntegrationStore } from "./port-integration-store.js";

export interface PortApiOptions {
  /** The embedded catalog Port's API serves (never Port itself: Portolan is the Port here). */
  catalog: LocalCatalog;
  integrations: PortIntegrationStore;
}

/** The part of Port's REST API (`/v1/…`) Ocean uses; bearer tokens from `POST /v1/auth/access_token`. */
export async function registerPortApi(app: FastifyInstance, options: PortApiOptions): Promise<void> {
  await registerBlueprintRoutes(app, options.catalog);
  await registerEntityRoutes(app, options.catalog);
  await registerEntityReadRoutes(app, options.catalog);
  await registerIntegrationRoutes(app, options.integrations);
  await registerOrganizationRoute(app);
}
