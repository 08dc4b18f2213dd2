import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { EntityUpsertResult, WriteContext } from "../../engine/catalog/catalog.js";
import type { EntityKey, StoredEntity } from "../../engine/catalog/entity.js";
import type { LocalCatalog } from "../../engine/catalog/local-catalog.js";
import { dataSourceOfRequest } from "./data-source-of-request.js";
import { booleanQuery, entityBodySchema, entityFromBody, portEntity } from "./port-entity.js";
import { parseOrRefuse, portError } from "./port-error.js";

/** Port takes at most 20 entities per bulk upsert and 100 identifiers per bulk delete. */
export const MAX_BULK_UPSERT = 20;
export const MAX_BULK_DELETE = 100;

// Ocean adds `ocean_info_event_type` / `ocean_info_resync_id`; they only label the write.
const writeQuery = z.looseObject({
  upsert: booleanQuery,
  merge: booleanQuery,
  create_missing_related_entities: booleanQuery,
  validation_only: booleanQuery,
});

const deleteQuery = z.looseObject({ delete_dependents: booleanQuery });

const bulkBody = z.object({ entities: z.array(entityBodySchema).min(1).max(MAX_BULK_UPSERT) });
const bulkDeleteBody = z.object({ entities: z.array(z.string().min(1)).min(1).max(MAX_BULK_DELETE) });

type Params = { bp: string };

/** One entity a bulk request could not apply, in Port's shape. */
interface BulkError {
  identifier: string;
  index: number;
  statusCode: number;
  error: string;
  message: string;
}

/** How a refused entity is answered: what Ocean reads is `not_found` for an unmet dependency. */
function refusal(error: EntityUpsertResult["error"]): Omit<BulkError, "identifier" | "index"> {
  const code = error?.code ?? "ENTITY_REFUSED";
  const message = error?.message ?? "refused";
  if (code === "ENTITY_UNKNOWN_BLUEPRINT" || code === "ENTITY_RELATION_TARGET_MISSING") {
    return { statusCode: 404, error: "not_found", message: `${code}: ${message}` };
  }
  return { statusCode: 422, error: code.toLowerCase(), message: `${code}: ${message}` };
}

/** Port's entity writes over the embedded catalog; each write is owned by the caller's data source. */
export async function registerEntityRoutes(app: FastifyInstance, catalog: LocalCatalog): Promise<void> {
  async function stored(
    blueprint: string,
    identifiers: readonly string[],
  ): Promise<Map<string, StoredEntity>> {
    const found = await catalog.searchEntities(
      {
        combinator: "and",
        rules: [
          { property: "$blueprint", operator: "=", value: blueprint },
          { property: "$identifier", operator: "in", value: [...identifiers] },
        ],
      },
      { limit: identifiers.length },
    );
    return new Map(found.map((entity) => [entity.identifier, entity]));
  }

  function context(request: FastifyRequest, query: z.output<typeof writeQuery>) {
    return {
      dataSource: dataSourceOfRequest(request),
      merge: query.merge === true,
      createMissingRelatedEntities: query.create_missing_related_entities === true,
    } satisfies WriteContext;
  }

  app.post<{ Params: Params }>("/v1/blueprints/:bp/entities", async (request, reply) => {
    const query = parseOrRefuse(writeQuery, request.query, reply, "query");
    const body = query && parseOrRefuse(entityBodySchema, request.body, reply, "entity");
    if (!query || !body) return reply;
    const { bp } = request.params;
    const entity = entityFromBody(bp, body);
    if (!query.upsert && (await stored(bp, [entity.identifier])).size > 0) {
      return portError(
        reply,
        409,
        "identifier_taken",
        `entity "${entity.identifier}" already exists in "${bp}"`,
      );
    }
    const write = context(request, query);
    const [result] = query.validation_only
      ? await catalog.compareEntities([entity], write)
      : await catalog.upsertEntities([entity], write);
    if (result?.outcome === "failed") {
      const { statusCode, error, message } = refusal(result.error);
      return portError(reply, statusCode, error, message);
    }
    if (query.validation_only) return { ok: true, entity };
    const saved = (await stored(bp, [entity.identifier])).get(entity.identifier);
    return reply
      .code(result?.outcome === "created" ? 201 : 200)
      .send({ ok: true, entity: saved && portEntity(saved) });
  });

  app.post<{ Params: Params }>("/v1/blueprints/:bp/entities/bulk", async (request, reply) => {
    const query = parseOrRefuse(writeQuery, request.query, reply, "query");
    const body = query && parseOrRefuse(bulkBody, request.body, reply, "body");
    if (!query || !body) return reply;
    const { bp } = request.params;
    const entities = body.entities.map((entity) => entityFromBody(bp, entity));
    const errors: BulkError[] = [];
    const taken = query.upsert
      ? new Map<string, StoredEntity>()
      : await stored(
          bp,
          entities.map((entity) => entity.identifier),
        );
    const writable = entities.flatMap((entity, index) => {
      if (!taken.has(entity.identifier)) return [{ entity, index }];
      errors.push({
        identifier: entity.identifier,
        index,
        statusCode: 409,
        error: "identifier_taken",
        message: `entity "${entity.identifier}" already exists in "${bp}"`,
      });
      return [];
    });
    const write = context(request, query);
    const apply = query.validation_only
      ? catalog.compareEntities.bind(catalog)
      : catalog.upsertEntities.bind(catalog);
    const results = await apply(
      writable.map(({ entity }) => entity),
      write,
    );
    const written: Array<{ identifier: string; index: number; created: boolean }> = [];
    results.forEach((result, position) => {
      const index = writable[position]?.index ?? position;
      if (result.outcome === "failed")
        errors.push({ identifier: result.key.identifier, index, ...refusal(result.error) });
      else written.push({ identifier: result.key.identifier, index, created: result.outcome === "created" });
    });
    errors.sort((a, b) => a.index - b.index);
    return reply.code(errors.length > 0 ? 207 : 200).send({ ok: true, entities: written, errors });
  });

  /**
   * Port deletes whoever owns the entity; the catalog deletes per owner, so the keys are grouped
   * by their owner first.
   */
  async function deleteAnyOwner(bp: string, identifiers: readonly string[], deleteDependents: boolean) {
    const owners = new Map<string, EntityKey[]>();
    for (const entity of (await stored(bp, identifiers)).values()) {
      const keys = owners.get(entity.dataSource) ?? [];
      keys.push({ blueprint: bp, identifier: entity.identifier });
      owners.set(entity.dataSource, keys);
    }
    const deleted: string[] = [];
    const refused: Array<{ identifier: string; message: string }> = [];
    for (const [owner, keys] of owners) {
      const result = await catalog.deleteEntities(keys, owner, { deleteDependents });
      for (const key of result.deleted)
        if (key.blueprint === bp && !key.dependentOf) deleted.push(key.identifier);
      for (const { key, error } of result.refused)
        refused.push({ identifier: key.identifier, message: `${error.code}: ${error.message}` });
    }
    return { found: owners.size > 0, deleted, refused };
  }

  app.post<{ Params: Params }>("/v1/blueprints/:bp/bulk/entities/delete", async (request, reply) => {
    const query = parseOrRefuse(deleteQuery, request.query, reply, "query");
    const body = query && parseOrRefuse(bulkDeleteBody, request.body, reply, "body");
    if (!query || !body) return reply;
    const { deleted, refused } = await deleteAnyOwner(
      request.params.bp,
      body.entities,
      query.delete_dependents === true,
    );
    const errors = refused.map(
      ({ identifier, message }): BulkError => ({
        identifier,
        index: body.entities.indexOf(identifier),
        statusCode: 409,
        error: "has_dependents",
        message,
      }),
    );
    return reply.code(errors.length > 0 ? 207 : 200).send({ ok: true, deletedEntities: deleted, errors });
  });

  app.delete<{ Params: Params & { id: string } }>(
    "/v1/blueprints/:bp/entities/:id",
    async (request, reply) => {
      const query = parseOrRefuse(deleteQuery, request.query, reply, "query");
      if (!query) return reply;
      const { bp, id } = request.params;
      const { found, refused } = await deleteAnyOwner(bp, [id], query.delete_dependents === true);
      if (!found) return portError(reply, 404, "not_found", `entity "${id}" does not exist in "${bp}"`);
      const [first] = refused;
      if (first) return portError(reply, 409, "has_dependents", first.message);
      return { ok: true };
    },
  );
}
