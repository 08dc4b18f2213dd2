import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import type { DataSource } from "../engine/data-source/data-source.js";
import { noSettingsDataSource } from "./data-source-activity.js";
import type { rawExamplesResponse } from "./raw-examples-operations.js";
import { problem } from "./webhook-route.js";

/** `GET /api/v1/raw-examples/:kind`: the kept raw objects of a kind, newest first, for the mapping test. */
export async function registerRawExamplesRoute(
  app: FastifyInstance,
  /** The data source from settings; unset: 404 `API_NO_SETTINGS_DATA_SOURCE`. */
  options: { dataSource?: DataSource },
): Promise<void> {
  const { dataSource } = options;
  app.get<{ Params: { kind: string } }>("/api/v1/raw-examples/:kind", async (request, reply) => {
    const { kind } = request.params;
    if (!dataSource) return noSettingsDataSource(reply);
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
      examples: await dataSource.rawExamples.list(kind),
    } satisfies z.input<typeof rawExamplesResponse>;
  });
}
