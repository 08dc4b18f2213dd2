import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { parseOrRefuse, portError } from "./port-error.js";
import type { PortIntegration, PortIntegrationStore } from "./port-integration-store.js";

type Params = { id: string };

const integrationFields = {
  installationAppType: z.string().optional(),
  version: z.string().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
};

const createBody = z.looseObject({ installationId: z.string().min(1), ...integrationFields });
const patchBody = z.looseObject(integrationFields);
const configBody = z.object({ config: z.record(z.string(), z.unknown()) });
const resyncStateBody = z.looseObject({
  status: z.enum(["running", "completed", "failed", "aborted", "cancelled"]).optional(),
});
const examplesBody = z.object({ examples: z.array(z.record(z.string(), z.unknown())).max(100) });

/** Port's integration object: what Ocean reads at start (config = its mapping, resync state). */
function portIntegration(integration: PortIntegration) {
  return {
    identifier: integration.identifier,
    installationId: integration.identifier,
    installationAppType: integration.installationAppType,
    version: integration.version,
    config: integration.config,
    resyncState: integration.resyncState,
    createdAt: integration.createdAt,
    updatedAt: integration.updatedAt,
  };
}

/** Port's integration endpoints Ocean calls: register, read and change config, resync state, raw examples. */
export async function registerIntegrationRoutes(
  app: FastifyInstance,
  integrations: PortIntegrationStore,
): Promise<void> {
  const missing = (id: string) => `integration "${id}" does not exist`;

  app.get<{ Params: Params }>("/v1/integration/:id", async (request, reply) => {
    const integration = await integrations.get(request.params.id);
    if (!integration) return portError(reply, 404, "not_found", missing(request.params.id));
    return { ok: true, integration: portIntegration(integration) };
  });

  app.post("/v1/integration", async (request, reply) => {
    const body = parseOrRefuse(createBody, request.body, reply, "integration");
    if (!body) return reply;
    const created = await integrations.create(body.installationId, body);
    if (!created)
      return portError(reply, 409, "identifier_taken", `integration "${body.installationId}" already exists`);
    return reply.code(201).send({ ok: true, integration: portIntegration(created) });
  });

  app.patch<{ Params: Params }>("/v1/integration/:id", async (request, reply) => {
    const body = parseOrRefuse(patchBody, request.body, reply, "integration");
    if (!body) return reply;
    const updated = await integrations.update(request.params.id, body);
    if (!updated) return portError(reply, 404, "not_found", missing(request.params.id));
    return { ok: true, integration: portIntegration(updated) };
  });

  app.patch<{ Params: Params }>("/v1/integration/:id/config", async (request, reply) => {
    const body = parseOrRefuse(configBody, request.body, reply, "body");
    if (!body) return reply;
    const updated = await integrations.update(request.params.id, { config: body.config });
    if (!updated) return portError(reply, 404, "not_found", missing(request.params.id));
    return { ok: true, integration: portIntegration(updated) };
  });

  app.patch<{ Params: Params }>("/v1/integration/:id/resync-state", async (request, reply) => {
    const body = parseOrRefuse(resyncStateBody, request.body, reply, "resync state");
    if (!body) return reply;
    const updated = await integrations.update(request.params.id, { resyncState: body });
    if (!updated) return portError(reply, 404, "not_found", missing(request.params.id));
    return { ok: true, integration: portIntegration(updated) };
  });

  app.post<{ Params: Params & { kind: string } }>(
    "/v1/integration/:id/kinds/:kind/examples",
    async (request, reply) => {
      const body = parseOrRefuse(examplesBody, request.body, reply, "body");
      if (!body) return reply;
      const { id, kind } = request.params;
      if (!(await integrations.get(id))) return portError(reply, 404, "not_found", missing(id));
      await integrations.recordExamples(id, kind, body.examples);
      return { ok: true };
    },
  );
}
