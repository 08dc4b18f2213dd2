import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Catalog } from "../engine/catalog/catalog.js";
import type { CatalogBrowser, EntityFilter } from "../engine/catalog/catalog-browser.js";
import type { DataSource } from "../engine/data-source/data-source.js";
import type { blueprintsResponse, entityPageResponse, entityResponse } from "./catalog-api-operations.js";
import {
  eventsOf,
  eventsQuery,
  noSettingsDataSource,
  resyncsOf,
  startResync,
} from "./data-source-activity.js";
import { parseQuery } from "./parse-query.js";
import { problem } from "./webhook-route.js";

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  search: z.string().max(200).optional(),
  dataSource: z.string().max(200).optional(),
  /** `key:value`, repeatable: the property equals the value (or a list property contains it). */
  property: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.string().regex(/^[^:]+:/, "write property filters as key:value")).max(20))
    .optional(),
});

/** Incoming relations listed per blueprint and relation on an entity's page. */
const INCOMING_PER_GROUP = 50;

/**
 * The portal's read API over the catalog, plus the resyncs and live events of the data source from
 * settings (404 `API_NO_SETTINGS_DATA_SOURCE` without one; every data source has them under its id).
 */
export async function registerCatalogApiRoutes(
  app: FastifyInstance,
  options: { catalog: Catalog & CatalogBrowser; dataSource?: DataSource },
): Promise<void> {
  const { catalog, dataSource } = options;

  app.get(
    "/api/v1/blueprints",
    async () => ({ blueprints: await catalog.listBlueprints() }) satisfies z.input<typeof blueprintsResponse>,
  );

  app.get<{ Params: { identifier: string } }>(
    "/api/v1/blueprints/:identifier/entities",
    async (request, reply) => {
      const query = parseQuery(
        pageQuery,
        request.query,
        "limit is 1–1000, offset ≥ 0; search and dataSource are text; property is key:value.",
      );
      if ("problem" in query) return reply.code(400).send(query.problem);
      const { limit, offset, search, dataSource: writer, property } = query.data;
      const filter: EntityFilter = {
        ...(search ? { search } : {}),
        ...(writer ? { dataSource: writer } : {}),
        ...(property ? { properties: Object.fromEntries(property.map((pair) => splitOnce(pair, ":"))) } : {}),
      };
      const page = await catalog.listEntities(request.params.identifier, { limit, offset }, filter);
      return {
        ...page,
        dataSources: await catalog.entityDataSources(request.params.identifier),
      } satisfies z.input<typeof entityPageResponse>;
    },
  );

  app.get<{ Params: { identifier: string; entity: string } }>(
    "/api/v1/blueprints/:identifier/entities/:entity",
    async (request, reply) => {
      const key = { blueprint: request.params.identifier, identifier: request.params.entity };
      const entity = await catalog.getEntity(key);
      if (!entity) {
        return reply
          .code(404)
          .send(
            problem(
              "ENTITY_NOT_FOUND",
              `there is no entity "${key.identifier}" of blueprint "${key.blueprint}"`,
              "It may have been deleted by a resync or a live event; search the catalog for it.",
            ),
          );
      }
      return {
        entity,
        incoming: await catalog.incomingRelations(key, INCOMING_PER_GROUP),
      } satisfies z.input<typeof entityResponse>;
    },
  );

  app.get("/api/v1/resyncs", async (_request, reply) =>
    dataSource ? resyncsOf(dataSource) : noSettingsDataSource(reply),
  );

  app.post("/api/v1/resyncs", async (_request, reply) =>
    dataSource ? startResync(dataSource, reply) : noSettingsDataSource(reply),
  );

  app.get("/api/v1/events", async (request, reply) => {
    if (!dataSource) return noSettingsDataSource(reply);
    const query = parseQuery(eventsQuery, request.query, "limit is 1–500.");
    if ("problem" in query) return reply.code(400).send(query.problem);
    return eventsOf(dataSource, query.data.limit);
  });
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + separator.length)];
}
