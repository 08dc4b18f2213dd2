import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Catalog } from "../engine/catalog/catalog.js";
import type { DataSource } from "../engine/data-source/data-source.js";
import { problem } from "./webhook-route.js";

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The portal's read API over the catalog, plus resync history and start. */
export async function registerCatalogApiRoutes(
  app: FastifyInstance,
  options: { catalog: Catalog; dataSource: DataSource },
): Promise<void> {
  const { catalog, dataSource } = options;

  app.get("/api/v1/blueprints", async () => ({ blueprints: await catalog.listBlueprints() }));

  app.get<{ Params: { identifier: string } }>(
    "/api/v1/blueprints/:identifier/entities",
    async (request, reply) => {
      const page = pageQuery.safeParse(request.query);
      if (!page.success) {
        const issue = page.error.issues[0];
        return reply
          .code(400)
          .send(
            problem(
              "API_INVALID_QUERY",
              `${issue?.path.join(".")}: ${issue?.message}`,
              "limit is 1–1000, offset ≥ 0.",
            ),
          );
      }
      return catalog.listEntities(request.params.identifier, page.data);
    },
  );

  app.get("/api/v1/resyncs", async () => ({
    running: dataSource.resyncs.isRunning() ? dataSource.resyncs.progress() : null,
    resyncs: await dataSource.history.list(dataSource.id),
  }));

  app.post("/api/v1/resyncs", async (_request, reply) => {
    const outcome = await dataSource.requestResync("api");
    if (!outcome.started) {
      return reply.code(409).send({
        ...problem(
          "RESYNC_ALREADY_RUNNING",
          `resync ${outcome.runningId ?? ""} is still running; this request was recorded as skipped`,
        ),
        skippedId: outcome.skippedId,
      });
    }
    outcome.summary.catch(() => undefined);
    return reply.code(202).send({ status: "started" });
  });

  app.get("/api/v1/events", async (request, reply) => {
    const query = z
      .object({ limit: z.coerce.number().int().min(1).max(500).default(50) })
      .safeParse(request.query);
    if (!query.success) return reply.code(400).send(problem("API_INVALID_QUERY", "limit is 1–500"));
    return {
      counts: await dataSource.inbox.counts(),
      recent: await dataSource.inbox.recent(query.data.limit),
    };
  });
}
