import { z } from "zod";
import type { ApiOperation } from "./openapi/api-operation.js";
import { pathSegment } from "./openapi/common-schemas.js";
import { settingsDataSourceMissing } from "./openapi/shared-responses.js";

export const rawExamplesResponse = z.object({
  kind: z.string(),
  sendRawDataExamples: z
    .boolean()
    .describe("whether the data source keeps raw data examples; while off, none are served"),
  examples: z.array(z.record(z.string(), z.unknown())).describe("newest first, secrets masked"),
});

export const rawExamplesOperations: readonly ApiOperation[] = [
  {
    method: "GET",
    url: "/api/v1/raw-examples/:kind",
    operationId: "listRawExamples",
    tag: "Mapping",
    summary: "The raw objects kept for a kind of the data source from settings (for the mapping test)",
    access: "signed-in",
    params: z.object({ kind: pathSegment.describe("a kind of the integration, e.g. repository") }),
    responses: {
      200: { description: "The kept raw objects.", schema: rawExamplesResponse },
      404: {
        description: `No such kind. ${settingsDataSourceMissing.description}`,
        codes: ["API_UNKNOWN_KIND", ...(settingsDataSourceMissing.codes ?? [])],
      },
    },
  },
  {
    method: "GET",
    url: "/api/v1/data-sources/:id/raw-examples/:kind",
    operationId: "listDataSourceRawExamples",
    tag: "Mapping",
    summary: "The raw objects kept for a kind of any running data source (for the mapping test)",
    access: "signed-in",
    params: z.object({
      id: pathSegment.describe("the data source's id"),
      kind: pathSegment.describe("a kind of the integration, e.g. repository"),
    }),
    responses: {
      200: { description: "The kept raw objects.", schema: rawExamplesResponse },
      404: {
        description: "No such running data source, or no such kind.",
        codes: ["API_UNKNOWN_DATA_SOURCE", "API_UNKNOWN_KIND"],
      },
    },
  },
];
