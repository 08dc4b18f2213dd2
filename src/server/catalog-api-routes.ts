import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Catalog } from "../engine/catalog/catalog.js";
import type { DataSource } from "../engine/data-source/data-source.js";
import {
  eventsOf,
  eventsQuery,
  noSettingsDataSource,
  resyncsOf,
  startResync,
} from "./data-source-activity.js";
import { parseQuery } from "./parse-query.js";

const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * The portal's read API over the catalog, plus the resyncs and live events of the data source from
 * settings (404 `API_NO_SETTINGS_DATA_SOURCE` without one; every data source has them under its id).
 */
export async function registerCatalogApiRoutes(
  app: FastifyInstance,
  options: { catalog: Catalog; dataSource?: DataSource },
): Promise<void> {
  const { catalog, dataSource } = options;

  app.get("/api/v1/blueprints", async () => ({ blueprints: await catalog.listBlueprints() }));

  app.get<{ Params: { identifier: string } }>(
    "/api/v1/blueprints/:identifier/entities",
    async (request, reply) => {
      const page = parseQuery(pageQuery, request.query, "limit is 1–1000, offset ≥ 0.");
      if ("problem" in page) return reply.code(400).send(page.problem);
      return catalog.listEntities(request.params.identifier, page.data);
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
