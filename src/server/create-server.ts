import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Catalog } from "../engine/catalog/catalog.js";
import type { CatalogBrowser } from "../engine/catalog/catalog-browser.js";
import type { DataSource } from "../engine/data-source/data-source.js";
import type { DataSourceManager } from "../engine/data-sources/data-source-manager.js";
import type { Logger } from "../engine/logging/create-logger.js";
import type { AuthStore } from "./auth/auth-store.js";
import { registerAuth } from "./auth/register-auth.js";
import { registerCatalogApiRoutes } from "./catalog-api-routes.js";
import { registerDataSourceRoutes } from "./data-source-routes.js";
import { type HealthOptions, registerHealthAndMetricsRoutes } from "./health-and-metrics-routes.js";
import { registerJsonBodyParser } from "./json-body-parser.js";
import { registerMappingRoutes } from "./mapping-routes.js";
import { mappingTargetsOf } from "./mapping-targets.js";
import { registerOpenApiRoute } from "./openapi/openapi-route.js";
import { type PortApiOptions, registerPortApi } from "./port-api/register-port-api.js";
import { registerRawExamplesRoute } from "./raw-examples-route.js";
import { MAX_API_BODY_BYTES, requestErrorProblem } from "./request-error-problem.js";
import { problem, registerWebhookRoute } from "./webhook-route.js";

export interface ServerOptions {
  auth: AuthStore;
  /** The data source from settings; without it, only stored data sources run. */
  dataSource?: DataSource;
  /** The embedded catalog, which the portal browses whatever catalog the data sources write to. */
  catalog: Catalog & CatalogBrowser;
  /** Port's REST API served over the embedded catalog, whatever catalog the data source writes to. */
  portApi?: PortApiOptions;
  /** The data sources stored in the database (portal-managed), beside `dataSource` from settings. */
  dataSources?: DataSourceManager;
  health: HealthOptions;
  webhookSecret: string | undefined;
  /** The built portal (`dist/portal`); the API still works without it. */
  portalDirectory: string | undefined;
  logger: Logger;
  /** Told of each route as it is registered (the OpenAPI contract test lists them this way). */
  onRoute?: (route: RegisteredRoute) => void;
}

export interface RegisteredRoute {
  method: string;
  url: string;
}

/** The integration server: webhook endpoint, API, health and the portal. */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  // Per-request lines (info) stay out of the log; warnings and errors from the framework stay in.
  const httpLogger = options.logger.child({ component: "http" }, { level: "warn" }) as FastifyBaseLogger;
  const app = Fastify({ loggerInstance: httpLogger, bodyLimit: MAX_API_BODY_BYTES });
  // Before any route: says why a JSON body is refused (bad syntax, or a `__proto__` key and where).
  registerJsonBodyParser(app);
  const { onRoute } = options;
  if (onRoute) {
    // Added first, so that it sees every route registered below.
    app.addHook("onRoute", (route) => {
      for (const method of [route.method].flat()) onRoute({ method, url: route.url });
    });
  }
  app.setErrorHandler(
    (error: { statusCode?: number; code?: string; message: string; name?: string }, _request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (status < 500) return reply.code(status).send(requestErrorProblem(error));
      options.logger.error({ err: error }, "request failed");
      return reply.code(status).send(problem("INTERNAL", "internal error; see the server log"));
    },
  );
  await registerAuth(app, options.auth);
  await registerWebhookRoute(app, {
    ...(options.dataSource
      ? { settingsTarget: { dataSource: options.dataSource, webhookSecret: options.webhookSecret } }
      : {}),
    ...(options.dataSources ? { storedTargets: options.dataSources } : {}),
    metrics: options.health.metrics,
    logger: options.logger,
  });
  await registerCatalogApiRoutes(app, {
    catalog: options.catalog,
    ...(options.dataSource ? { dataSource: options.dataSource } : {}),
  });
  const mappingTargets = mappingTargetsOf(options);
  await registerRawExamplesRoute(app, {
    ...(options.dataSource ? { dataSource: options.dataSource } : {}),
    targets: mappingTargets,
  });
  if (options.portApi) await registerPortApi(app, options.portApi);
  if (options.dataSources) await registerDataSourceRoutes(app, { dataSources: options.dataSources });
  await registerMappingRoutes(app, { targets: mappingTargets, catalog: options.catalog });
  await registerHealthAndMetricsRoutes(app, options.health);
  await registerOpenApiRoute(app);

  const portal = options.portalDirectory;
  if (portal && existsSync(join(portal, "index.html"))) {
    await app.register(fastifyStatic, { root: portal, wildcard: false });
    // The portal is a single-page app: unknown non-API paths load it and it routes itself.
    app.setNotFoundHandler((request, reply) => {
      if (
        request.method === "GET" &&
        !request.url.startsWith("/api/") &&
        !request.url.startsWith("/integration/")
      ) {
        return reply.sendFile("index.html");
      }
      return reply.code(404).send(problem("NOT_FOUND", `${request.method} ${request.url} does not exist`));
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send(problem("NOT_FOUND", `${request.method} ${request.url} does not exist`)),
    );
  }
  return app;
}
