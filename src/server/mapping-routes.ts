import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { Catalog } from "../engine/catalog/catalog.js";
import type { MappingTarget } from "../engine/data-source/mapping-target.js";
import { PortolanError } from "../engine/errors/portolan-error.js";
import { checkMappingText, type MappingProblem } from "../engine/mapping/check-mapping-text.js";
import { MAX_TEST_ITEMS, testMapping } from "../engine/mapping/test-mapping.js";
import type {
  mappingCheckResponse,
  mappingDataSourcesResponse,
  mappingResponse,
  mappingSavedResponse,
  mappingTestResponse,
} from "./mapping-operations.js";
import { type MappingTargets, unknownMappingTarget } from "./mapping-targets.js";
import { parseBody } from "./parse-body.js";
import { storedExamples } from "./raw-examples-route.js";
import { problem } from "./webhook-route.js";

/** Mapping texts are a few kilobytes; the bound keeps a validation request cheap. */
const MAX_MAPPING_CHARACTERS = 256 * 1024;

export const mappingBody = z.strictObject({ text: z.string().max(MAX_MAPPING_CHARACTERS) });

export const testBody = z
  .strictObject({
    dataSource: z.string().optional(),
    text: z.string().max(MAX_MAPPING_CHARACTERS),
    resourceIndex: z.number().int().min(0).optional(),
    kind: z.string().optional(),
    items: z.array(z.record(z.string(), z.unknown())).max(MAX_TEST_ITEMS).optional(),
  })
  .refine((body) => body.resourceIndex !== undefined || body.kind !== undefined, {
    message: "name the resource to test: resourceIndex or kind",
  });

/**
 * The mapping editor's API: read, check as you type, save (kept as versions, so a bad save can be
 * reverted) — addressed per data source — and the mapping test over raw examples or pasted objects.
 */
export async function registerMappingRoutes(
  app: FastifyInstance,
  options: { targets: MappingTargets; catalog: Catalog },
): Promise<void> {
  const { targets, catalog } = options;

  const find = (id: string, reply: FastifyReply): MappingTarget | undefined => {
    const dataSource = targets.find(id);
    if (!dataSource) {
      void reply.code(404).send(unknownMappingTarget(id, targets));
    }
    return dataSource;
  };

  app.get(
    "/api/v1/mapping/data-sources",
    async () =>
      ({
        dataSources: targets.list().map((dataSource) => ({
          id: dataSource.id,
          integration: dataSource.integration.type,
          kinds: dataSource.integration.kinds.map((kind) => kind.name),
        })),
      }) satisfies z.input<typeof mappingDataSourcesResponse>,
  );

  app.get<{ Params: { id: string } }>("/api/v1/data-sources/:id/mapping", async (request, reply) => {
    const dataSource = find(request.params.id, reply);
    if (!dataSource) return reply;
    const versions = await dataSource.mappingVersions.list(dataSource.id);
    return {
      dataSource: dataSource.id,
      text: dataSource.currentMappingText,
      kinds: dataSource.integration.kinds.map((kind) => kind.name),
      versions: versions.map(({ text: _text, ...version }) => version),
    } satisfies z.input<typeof mappingResponse>;
  });

  app.get<{ Params: { id: string; version: string } }>(
    "/api/v1/data-sources/:id/mapping/versions/:version",
    async (request, reply) => {
      const dataSource = find(request.params.id, reply);
      if (!dataSource) return reply;
      // Versions are small positive integers; anything else names no version.
      const number = /^\d{1,9}$/.test(request.params.version) ? Number(request.params.version) : undefined;
      const version =
        number === undefined ? undefined : await dataSource.mappingVersions.get(dataSource.id, number);
      if (!version) {
        return reply
          .code(404)
          .send(
            problem(
              "MAPPING_VERSION_NOT_FOUND",
              `data source "${dataSource.id}" has no kept mapping version ${request.params.version}`,
              "GET the mapping to see the versions kept.",
            ),
          );
      }
      return version;
    },
  );

  app.post<{ Params: { id: string } }>(
    "/api/v1/data-sources/:id/mapping/validate",
    async (request, reply) => {
      const dataSource = find(request.params.id, reply);
      if (!dataSource) return reply;
      const body = parseBody(mappingBody, request.body, 'Send {"text": "<the mapping as YAML>"}.');
      if ("problem" in body) return reply.code(400).send(body.problem);
      const check = checkMappingText(body.data.text, dataSource.integration, `${dataSource.id} mapping`);
      return {
        valid: check.mapping !== undefined,
        problems: check.problems,
        // What the mapping test can run: each resource by index and kind.
        resources: (check.mapping?.resources ?? []).map((resource) => ({
          index: resource.index,
          kind: resource.kind.name,
        })),
      } satisfies z.input<typeof mappingCheckResponse>;
    },
  );

  app.put<{ Params: { id: string } }>("/api/v1/data-sources/:id/mapping", async (request, reply) => {
    const dataSource = find(request.params.id, reply);
    if (!dataSource) return reply;
    const body = parseBody(mappingBody, request.body, 'Send {"text": "<the mapping as YAML>"}.');
    if ("problem" in body) return reply.code(400).send(body.problem);
    let outcome: Awaited<ReturnType<MappingTargets["save"]>>;
    try {
      outcome = await targets.save(dataSource, body.data.text, request.principal?.subject ?? "unknown");
    } catch (error) {
      // The stored data source stopped (or was deleted) since it was found.
      if (!(error instanceof PortolanError)) throw error;
      return reply.code(404).send(problem(error.code, error.message, error.hint));
    }
    if (!("saved" in outcome)) return reply.code(400).send(invalidMapping(outcome.problems));
    const { text: _text, ...version } = outcome.saved;
    return { version, problems: outcome.problems } satisfies z.input<typeof mappingSavedResponse>;
  });

  app.post("/api/v1/mapping/test", async (request, reply) => {
    const body = parseBody(
      testBody,
      request.body,
      `Send {"text", "kind" or "resourceIndex", optional "items" (at most ${MAX_TEST_ITEMS} objects), optional "dataSource"}.`,
    );
    if ("problem" in body) return reply.code(400).send(body.problem);
    const { text, kind, resourceIndex, items } = body.data;
    const dataSource =
      body.data.dataSource === undefined ? targets.list()[0] : find(body.data.dataSource, reply);
    if (!dataSource) {
      if (body.data.dataSource !== undefined) return reply;
      return reply
        .code(404)
        .send(
          problem(
            "API_UNKNOWN_DATA_SOURCE",
            "there is no data source to test a mapping of",
            'Add a data source (POST /api/v1/data-sources) and name it in "dataSource".',
          ),
        );
    }
    const check = checkMappingText(text, dataSource.integration, `${dataSource.id} mapping`);
    if (!check.mapping) return reply.code(400).send(invalidMapping(check.problems));
    const resource = check.mapping.resources.find((candidate) =>
      resourceIndex === undefined ? candidate.kind.name === kind : candidate.index === resourceIndex,
    );
    if (!resource) {
      return reply
        .code(404)
        .send(
          problem(
            "MAPPING_TEST_NO_RESOURCE",
            resourceIndex === undefined
              ? `the mapping has no resource of kind "${kind}"`
              : `the mapping has no resource ${resourceIndex}`,
            `Its resources: ${check.mapping.resources.map((candidate) => `${candidate.index}: ${candidate.kind.name}`).join(", ")}.`,
          ),
        );
    }
    const raw = items ?? (await storedExamples(dataSource, resource.kind.name)).slice(0, MAX_TEST_ITEMS);
    const results = testMapping(resource.mapping, raw);
    // The catalog's own checks (blueprint, property types, relation targets), without writing.
    const entities = results.flatMap((result) => result.entities.map((tested) => tested.entity));
    const outcomes = await catalog.compareEntities(entities, {
      dataSource: dataSource.id,
      merge: check.mapping.config.enableMergeEntity,
      createMissingRelatedEntities: check.mapping.config.createMissingRelatedEntities,
    });
    let next = 0;
    return {
      dataSource: dataSource.id,
      resourceIndex: resource.index,
      kind: resource.kind.name,
      source: items ? "pasted" : "raw examples",
      sendRawDataExamples: dataSource.keepsRawExamples,
      results: results.map((result) => ({
        ...result,
        entities: result.entities.map(({ entity, errors }) => {
          const outcome = outcomes[next++];
          return {
            entity,
            errors,
            outcome: outcome?.outcome ?? "failed",
            ...(outcome?.error ? { error: outcome.error } : {}),
          };
        }),
      })),
    } satisfies z.input<typeof mappingTestResponse>;
  });
}

/** A refused mapping: its first error as the API's error body, with every problem found. */
function invalidMapping(problems: readonly MappingProblem[]) {
  const first = problems[0];
  return {
    ...problem(first?.code ?? "MAPPING_INVALID", first?.message ?? "the mapping is invalid", first?.hint),
    problems,
  };
}
