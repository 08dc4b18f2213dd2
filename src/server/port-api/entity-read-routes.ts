import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { EntityKey } from "../../engine/catalog/entity.js";
import { type EntitySearch, entitySearchSchema } from "../../engine/catalog/entity-search.js";
import type { LocalCatalog } from "../../engine/catalog/local-catalog.js";
import { isPortolanError } from "../../engine/errors/portolan-error.js";
import { includeFields, includeQuery, portEntity } from "./port-entity.js";
import { parseOrRefuse, portError } from "./port-error.js";

/** The most entities one answer carries; `next` continues from there. */
export const MAX_SEARCH_PAGE = 10_000;

const searchQueryString = z.looseObject({ include: includeQuery });

const pageFields = {
  limit: z.number().int().min(1).max(MAX_SEARCH_PAGE).default(MAX_SEARCH_PAGE),
  from: z.string().optional(),
};

const searchPage = z.looseObject(pageFields);

const blueprintSearchBody = z.object({
  query: entitySearchSchema.optional(),
  include: z.array(z.string()).optional(),
  ...pageFields,
});

const dataSourceEntitiesBody = z.object({
  datasource_prefix: z.string().min(1),
  datasource_suffix: z.string().optional(),
  before: z.iso.datetime({ offset: true }).optional(),
  ...pageFields,
});

/** `next`/`from`: the last key of a page, opaque to the caller. */
function cursorOf(key: EntityKey): string {
  return Buffer.from(JSON.stringify([key.blueprint, key.identifier])).toString("base64url");
}

function keyOfCursor(cursor: string): EntityKey | undefined {
  try {
    const [blueprint, identifier] = JSON.parse(
      Buffer.from(cursor, "base64url").toString("utf8"),
    ) as unknown[];
    return typeof blueprint === "string" && typeof identifier === "string"
      ? { blueprint, identifier }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reading entities: one by key, Port's searches (across blueprints, or one blueprint's page by
 * page) and Ocean's `datasource-entities`.
 */
export async function registerEntityReadRoutes(app: FastifyInstance, catalog: LocalCatalog): Promise<void> {
  async function answer(
    reply: FastifyReply,
    query: EntitySearch,
    page: { limit: number; from?: string | undefined },
    include: readonly string[],
  ) {
    const after = page.from === undefined ? undefined : keyOfCursor(page.from);
    if (page.from !== undefined && !after)
      return portError(reply, 422, "invalid_request", "from is not a cursor this API returned");
    try {
      const found = await catalog.searchEntities(query, { limit: page.limit, ...(after ? { after } : {}) });
      const last = found[found.length - 1];
      return {
        ok: true,
        entities: found.map((entity) => includeFields(portEntity(entity), include)),
        ...(last && found.length === page.limit ? { next: cursorOf(last) } : {}),
      };
    } catch (error) {
      if (isPortolanError(error) && error.code === "PORT_SEARCH_UNSUPPORTED") {
        return portError(reply, 422, "unsupported_query", error.describe());
      }
      throw error;
    }
  }

  app.post("/v1/entities/search", async (request, reply) => {
    const queryString = parseOrRefuse(searchQueryString, request.query, reply, "query");
    const query = queryString && parseOrRefuse(entitySearchSchema, request.body, reply, "search query");
    const page = query && parseOrRefuse(searchPage, request.body, reply, "search query");
    if (!queryString || !query || !page) return reply;
    return answer(reply, query, page, queryString.include);
  });

  app.post<{ Params: { bp: string } }>("/v1/blueprints/:bp/entities/search", async (request, reply) => {
    const body = parseOrRefuse(blueprintSearchBody, request.body ?? {}, reply, "body");
    if (!body) return reply;
    const rules: EntitySearch["rules"] = [
      { property: "$blueprint", operator: "=", value: request.params.bp },
    ];
    if (body.query) rules.push(body.query);
    return answer(reply, { combinator: "and", rules }, body, body.include ?? []);
  });

  app.get<{ Params: { bp: string; id: string } }>(
    "/v1/blueprints/:bp/entities/:id",
    async (request, reply) => {
      const { bp, id } = request.params;
      const [found] = await catalog.searchEntities(
        {
          combinator: "and",
          rules: [
            { property: "$blueprint", operator: "=", value: bp },
            { property: "$identifier", operator: "=", value: id },
          ],
        },
        { limit: 1 },
      );
      if (!found) return portError(reply, 404, "not_found", `entity "${id}" does not exist in "${bp}"`);
      return { ok: true, entity: portEntity(found) };
    },
  );

  app.post("/v1/blueprints/entities/datasource-entities", async (request, reply) => {
    const body = parseOrRefuse(dataSourceEntitiesBody, request.body, reply, "body");
    if (!body) return reply;
    const rules: EntitySearch["rules"] = [
      { property: "$datasource", operator: "beginsWith", value: body.datasource_prefix },
    ];
    if (body.datasource_suffix)
      rules.push({ property: "$datasource", operator: "endsWith", value: body.datasource_suffix });
    if (body.before) rules.push({ property: "$updatedAt", operator: "<", value: body.before });
    return answer(reply, { combinator: "and", rules }, body, []);
  });
}
