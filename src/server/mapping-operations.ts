import { z } from "zod";
import { mappingBody, testBody } from "./mapping-routes.js";
import type { ApiOperation, ApiResponse } from "./openapi/api-operation.js";
import { mappedEntity, pathSegment, timestamp } from "./openapi/common-schemas.js";
import { invalidBody } from "./openapi/shared-responses.js";

const mappingProblem = z.object({
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  path: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});

const versionSummary = z.object({ version: z.number().int(), savedBy: z.string(), savedAt: timestamp });

export const mappingDataSourcesResponse = z.object({
  dataSources: z.array(z.object({ id: z.string(), integration: z.string(), kinds: z.array(z.string()) })),
});
export const mappingResponse = z.object({
  dataSource: z.string(),
  text: z.string().describe("the mapping in use, as YAML"),
  kinds: z.array(z.string()),
  versions: z.array(versionSummary).describe("the kept versions, newest first"),
});
export const mappingVersionResponse = versionSummary.extend({ text: z.string() });
export const mappingCheckResponse = z.object({
  valid: z.boolean(),
  problems: z.array(mappingProblem),
  resources: z.array(z.object({ index: z.number().int(), kind: z.string() })),
});
export const mappingSavedResponse = z.object({ version: versionSummary, problems: z.array(mappingProblem) });
/** A failure of the mapping test, at the mapping field (`properties.url`) or the item's step. */
const testError = z.object({
  field: z.string(),
  message: z.string(),
  empty: z.literal(true).optional().describe("the field only came out null: a note, not a failure"),
});
export const mappingTestResponse = z.object({
  dataSource: z.string(),
  resourceIndex: z.number().int(),
  kind: z.string(),
  source: z.enum(["pasted", "raw examples"]),
  sendRawDataExamples: z.boolean().describe("whether the data source keeps raw data examples"),
  results: z.array(
    z.object({
      raw: z.record(z.string(), z.unknown()),
      entities: z.array(
        z.object({
          entity: mappedEntity,
          outcome: z
            .enum(["created", "updated", "unchanged", "failed"])
            .describe("what the catalog would do"),
          error: z.object({ code: z.string(), message: z.string() }).optional(),
          errors: z.array(testError).describe("the failures of this entity's own fields"),
        }),
      ),
      filteredOut: z.boolean(),
      dropped: z.boolean(),
      elements: z
        .object({ filteredOut: z.array(z.number().int()), dropped: z.array(z.number().int()) })
        .optional()
        .describe("with itemsToParse: the elements (0-based) of the parsed array filtered out, and dropped"),
      errors: z
        .array(
          testError.extend({
            element: z
              .number()
              .int()
              .optional()
              .describe("with itemsToParse: the element (0-based) of the parsed array whose object failed"),
          }),
        )
        .describe("the failures that belong to no entity: itemsToParse, the selector, a dropped object"),
      skipped: z.literal(true).optional(),
    }),
  ),
});

const idParams = z.object({ id: pathSegment.describe("the data source's id") });
const TAG = "Mapping";

const unknownDataSource: ApiResponse = {
  description: "No such data source (the mapping editor serves the data source from settings).",
  codes: ["API_UNKNOWN_DATA_SOURCE"],
};
/** A refused mapping: its first error's code (`MAPPING_*`, `JQ_*`, …) with every problem found. */
const refusedMapping: ApiResponse = {
  description: `${invalidBody.description} Or the mapping has an error: its first error's code, with every problem in \`problems\`.`,
  besideError: { problems: z.array(mappingProblem).optional() },
};

/** The mapping editor's API: read, check, save (kept as versions) and test a mapping. */
export const mappingOperations: readonly ApiOperation[] = [
  {
    method: "GET",
    url: "/api/v1/mapping/data-sources",
    operationId: "listMappingDataSources",
    tag: TAG,
    summary: "The data sources whose mapping the editor can change, with their kinds",
    access: "signed-in",
    responses: { 200: { description: "The data sources.", schema: mappingDataSourcesResponse } },
  },
  {
    method: "GET",
    url: "/api/v1/data-sources/:id/mapping",
    operationId: "getMapping",
    tag: TAG,
    summary: "A data source's mapping in use and its kept versions",
    access: "signed-in",
    params: idParams,
    responses: { 200: { description: "The mapping.", schema: mappingResponse }, 404: unknownDataSource },
  },
  {
    method: "GET",
    url: "/api/v1/data-sources/:id/mapping/versions/:version",
    operationId: "getMappingVersion",
    tag: TAG,
    summary: "One kept version of a data source's mapping",
    access: "signed-in",
    params: idParams.extend({ version: pathSegment.describe("the version number") }),
    responses: {
      200: { description: "The version with its text.", schema: mappingVersionResponse },
      404: {
        description: "No such data source or version.",
        codes: ["API_UNKNOWN_DATA_SOURCE", "MAPPING_VERSION_NOT_FOUND"],
      },
    },
  },
  {
    method: "POST",
    url: "/api/v1/data-sources/:id/mapping/validate",
    operationId: "validateMapping",
    tag: TAG,
    summary: "Check a mapping text with the server's parser: errors and warnings at their line",
    access: "signed-in",
    params: idParams,
    body: { schema: mappingBody },
    responses: {
      200: { description: "The problems found (none: valid).", schema: mappingCheckResponse },
      400: invalidBody,
      404: unknownDataSource,
    },
  },
  {
    method: "PUT",
    url: "/api/v1/data-sources/:id/mapping",
    operationId: "saveMapping",
    tag: TAG,
    summary: "Save a mapping as the data source's new version; refused while it has an error",
    access: "signed-in",
    params: idParams,
    body: { schema: mappingBody },
    responses: {
      200: { description: "The saved version and its warnings.", schema: mappingSavedResponse },
      400: refusedMapping,
      404: unknownDataSource,
    },
  },
  {
    method: "POST",
    url: "/api/v1/mapping/test",
    operationId: "testMapping",
    tag: TAG,
    summary: "Run one resource of a mapping over raw examples or pasted objects, without writing",
    access: "signed-in",
    body: { schema: testBody },
    responses: {
      200: { description: "Each raw object beside what it gives.", schema: mappingTestResponse },
      400: refusedMapping,
      404: {
        description: "No such data source, or the mapping has no such resource.",
        codes: ["API_UNKNOWN_DATA_SOURCE", "MAPPING_TEST_NO_RESOURCE"],
      },
    },
  },
];
