import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Blueprint } from "../../engine/catalog/blueprint.js";
import type { LocalCatalog } from "../../engine/catalog/local-catalog.js";
import { parseOrRefuse, portError } from "./port-error.js";

const relationSchema = z.looseObject({
  title: z.string().optional(),
  target: z.string().min(1),
  required: z.boolean().optional(),
  many: z.boolean().optional(),
});

const blueprintFields = {
  title: z.string().optional(),
  icon: z.string().optional(),
  description: z.string().optional(),
  schema: z.looseObject({
    properties: z.record(z.string(), z.looseObject({ type: z.string().optional() })),
    required: z.array(z.string()).optional(),
  }),
  relations: z.record(z.string(), relationSchema).optional(),
  calculationProperties: z.record(z.string(), z.unknown()).optional(),
  mirrorProperties: z.record(z.string(), z.unknown()).optional(),
  aggregationProperties: z.record(z.string(), z.unknown()).optional(),
};

const createBlueprint = z.looseObject({
  identifier: z.string().regex(/^[A-Za-z0-9@_.:\\/=-]+$/, "letters, digits and @_.:\\/=- only"),
  ...blueprintFields,
  schema: blueprintFields.schema.default({ properties: {} }),
});

const patchBlueprint = z.looseObject({ ...blueprintFields, schema: blueprintFields.schema.optional() });

function withoutCount({ entityCount: _count, ...blueprint }: Blueprint & { entityCount: number }): Blueprint {
  return blueprint;
}

/** Port's blueprint endpoints over the embedded catalog. */
export async function registerBlueprintRoutes(app: FastifyInstance, catalog: LocalCatalog): Promise<void> {
  async function find(identifier: string): Promise<Blueprint | undefined> {
    const found = (await catalog.listBlueprints()).find((blueprint) => blueprint.identifier === identifier);
    return found ? withoutCount(found) : undefined;
  }

  app.get("/v1/blueprints", async () => ({
    ok: true,
    blueprints: (await catalog.listBlueprints()).map(withoutCount),
  }));

  app.get<{ Params: { id: string } }>("/v1/blueprints/:id", async (request, reply) => {
    const blueprint = await find(request.params.id);
    if (!blueprint)
      return portError(reply, 404, "not_found", `blueprint "${request.params.id}" does not exist`);
    return { ok: true, blueprint };
  });

  app.get<{ Params: { id: string } }>("/v1/blueprints/:id/entities-count", async (request, reply) => {
    const found = (await catalog.listBlueprints()).find(
      (blueprint) => blueprint.identifier === request.params.id,
    );
    if (!found) return portError(reply, 404, "not_found", `blueprint "${request.params.id}" does not exist`);
    return { ok: true, count: found.entityCount };
  });

  app.post("/v1/blueprints", async (request, reply) => {
    const body = parseOrRefuse(createBlueprint, request.body, reply, "blueprint");
    if (!body) return reply;
    const created = await catalog.ensureBlueprints([body as Blueprint]);
    if (created.length === 0) {
      return portError(reply, 409, "identifier_taken", `blueprint "${body.identifier}" already exists`);
    }
    return reply.code(201).send({ ok: true, blueprint: await find(body.identifier) });
  });

  app.patch<{ Params: { id: string } }>("/v1/blueprints/:id", async (request, reply) => {
    const body = parseOrRefuse(patchBlueprint, request.body, reply, "blueprint");
    if (!body) return reply;
    const patched = await catalog.patchBlueprint(request.params.id, body as Partial<Blueprint>);
    if (!patched)
      return portError(reply, 404, "not_found", `blueprint "${request.params.id}" does not exist`);
    return { ok: true, blueprint: patched };
  });
}
