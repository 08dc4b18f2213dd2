import type { FastifyInstance, FastifyReply } from "fastify";
import type { z } from "zod";
import type { DataSource } from "../engine/data-source/data-source.js";
import type { MappingTarget } from "../engine/data-source/mapping-target.js";
import type { RawObject } from "../engine/integration/integration.js";
import { noSettingsDataSource } from "./data-source-activity.js";
import { type MappingTargets, unknownMappingTarget } from "./mapping-targets.js";
import type { rawExamplesResponse } from "./raw-examples-operations.js";
import { problem } from "./webhook-route.js";

/** The kind's kept raw examples (masked); none while the data source's "send raw data examples" is off. */
export async function storedExamples(dataSource: MappingTarget, kind: string): Promise<RawObject[]> {
  return dataSource.keepsRawExamples ? dataSource.rawExamples.list(kind) : [];
}

/**
 * The kept raw objects of a kind, newest first, for the mapping test: `GET /api/v1/raw-examples/:kind`
 * for the data source from settings, `GET /api/v1/data-sources/:id/raw-examples/:kind` for any running one.
 */
export async function registerRawExamplesRoute(
  app: FastifyInstance,
  /** `dataSource`: the data source from settings; unset, the first route answers 404 `API_NO_SETTINGS_DATA_SOURCE`. */
  options: { dataSource?: DataSource; targets: MappingTargets },
): Promise<void> {
  const { dataSource, targets } = options;
  app.get<{ Params: { kind: string } }>("/api/v1/raw-examples/:kind", async (request, reply) => {
    if (!dataSource) return noSettingsDataSource(reply);
    return examplesOf(dataSource, request.params.kind, reply);
  });

  app.get<{ Params: { id: string; kind: string } }>(
    "/api/v1/data-sources/:id/raw-examples/:kind",
    async (request, reply) => {
      const target = targets.find(request.params.id);
      if (!target) {
        return reply.code(404).send(unknownMappingTarget(request.params.id, targets));
      }
      return examplesOf(target, request.params.kind, reply);
    },
  );
}

async function examplesOf(dataSource: MappingTarget, kind: string, reply: FastifyReply) {
  if (!dataSource.integration.kinds.some((known) => known.name === kind)) {
    return reply
      .code(404)
      .send(
        problem(
          "API_UNKNOWN_KIND",
          `kind "${kind}" is not a kind of the ${dataSource.integration.type} integration`,
          `Known kinds: ${dataSource.integration.kinds.map((known) => known.name).join(", ")}.`,
        ),
      );
  }
  return {
    kind,
    sendRawDataExamples: dataSource.keepsRawExamples,
    examples: await storedExamples(dataSource, kind),
  } satisfies z.input<typeof rawExamplesResponse>;
}
