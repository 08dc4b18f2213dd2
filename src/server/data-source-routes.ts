import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { INSTALLATION_METHODS } from "../engine/data-sources/data-source-input.js";
import type { DataSourceManager } from "../engine/data-sources/data-source-manager.js";
import { DataSourceValidationError } from "../engine/data-sources/data-source-validation-error.js";
import { PortolanError } from "../engine/errors/portolan-error.js";
import { eventsOf, eventsQuery, resyncsOf, startResync } from "./data-source-activity.js";
import type {
  dataSourceRemovedResponse,
  dataSourcesResponse,
  dataSourceView,
  integrationsResponse,
  secretsResponse,
} from "./data-source-operations.js";
import { parseQuery } from "./parse-query.js";
import { problem } from "./webhook-route.js";

export const deleteQuery = z.strictObject({
  entities: z.enum(["keep", "delete"], { message: 'say what happens to its entities: "keep" or "delete"' }),
});

const STATUS_OF: Record<string, number> = {
  DATA_SOURCE_INVALID: 400,
  DATA_SOURCE_NOT_FOUND: 404,
  DATA_SOURCE_READ_ONLY: 409,
};

/**
 * `/api/v1/integrations`, `/api/v1/data-sources` (create, read, update, delete, resync) and
 * `/api/v1/secrets`. Sensitive settings are write-only: answers say "set" or "not set", never a value.
 */
export async function registerDataSourceRoutes(
  app: FastifyInstance,
  options: { dataSources: DataSourceManager },
): Promise<void> {
  const { dataSources } = options;

  app.get(
    "/api/v1/integrations",
    async () =>
      ({
        installationMethods: INSTALLATION_METHODS,
        integrations: dataSources.integrationTypes.map((type) => ({
          type: type.type,
          title: type.title,
          description: type.description,
          settings: type.settings,
          defaultMapping: type.defaultMapping(),
        })),
      }) satisfies z.input<typeof integrationsResponse>,
  );

  app.get(
    "/api/v1/data-sources",
    async () => ({ dataSources: await dataSources.list() }) satisfies z.input<typeof dataSourcesResponse>,
  );

  app.post("/api/v1/data-sources", async (request, reply) =>
    answer(reply, async () =>
      reply
        .code(201)
        .send(
          (await dataSources.create(request.body, savedByOf(request))) satisfies z.input<
            typeof dataSourceView
          >,
        ),
    ),
  );

  app.get<{ Params: { id: string } }>("/api/v1/data-sources/:id", async (request, reply) =>
    answer(
      reply,
      async () => (await dataSources.get(request.params.id)) satisfies z.input<typeof dataSourceView>,
    ),
  );

  app.put<{ Params: { id: string } }>("/api/v1/data-sources/:id", async (request, reply) =>
    answer(
      reply,
      async () =>
        (await dataSources.update(request.params.id, request.body, savedByOf(request))) satisfies z.input<
          typeof dataSourceView
        >,
    ),
  );

  app.delete<{ Params: { id: string } }>("/api/v1/data-sources/:id", async (request, reply) => {
    const query = parseQuery(
      deleteQuery,
      request.query,
      "Add ?entities=keep to keep the entities it wrote, or ?entities=delete to delete them.",
    );
    if ("problem" in query) return reply.code(400).send(query.problem);
    return answer(
      reply,
      async () =>
        (await dataSources.remove(request.params.id, query.data.entities)) satisfies z.input<
          typeof dataSourceRemovedResponse
        >,
    );
  });

  app.get<{ Params: { id: string } }>("/api/v1/data-sources/:id/resyncs", async (request, reply) => {
    const dataSource = dataSources.dataSource(request.params.id);
    if (!dataSource) return notRunning(reply, request.params.id);
    return resyncsOf(dataSource);
  });

  app.post<{ Params: { id: string } }>("/api/v1/data-sources/:id/resyncs", async (request, reply) => {
    const dataSource = dataSources.dataSource(request.params.id);
    if (!dataSource) return notRunning(reply, request.params.id);
    return startResync(dataSource, reply);
  });

  app.get<{ Params: { id: string } }>("/api/v1/data-sources/:id/events", async (request, reply) => {
    const dataSource = dataSources.dataSource(request.params.id);
    if (!dataSource) return notRunning(reply, request.params.id);
    const query = parseQuery(eventsQuery, request.query, "limit is 1–500.");
    if ("problem" in query) return reply.code(400).send(query.problem);
    return eventsOf(dataSource, query.data.limit);
  });

  app.get(
    "/api/v1/secrets",
    async () => ({ secrets: await dataSources.secretsInUse() }) satisfies z.input<typeof secretsResponse>,
  );
}

/** Runs `work`; a PortolanError becomes its status and `{ error }` body (with `fields` when invalid). */
async function answer(reply: FastifyReply, work: () => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof PortolanError) || STATUS_OF[error.code] === undefined) throw error;
    const body = problem(error.code, error.message, error.hint);
    if (error instanceof DataSourceValidationError) {
      return reply.code(400).send({ error: { ...body.error, fields: error.fields } });
    }
    return reply.code(STATUS_OF[error.code] ?? 400).send(body);
  }
}

/** Who saves, kept with the mapping version a save creates. */
function savedByOf(request: FastifyRequest): string {
  return request.principal?.subject ?? "unknown";
}

function notRunning(reply: FastifyReply, id: string) {
  return reply
    .code(404)
    .send(
      problem(
        "DATA_SOURCE_NOT_RUNNING",
        `data source "${id}" does not exist or is not running`,
        "See its status with GET /api/v1/data-sources/{id}; fix its settings and save it to start it.",
      ),
    );
}
