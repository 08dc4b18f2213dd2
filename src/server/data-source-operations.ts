import { z } from "zod";
import { dataSourceInputSchema, INSTALLATION_METHODS } from "../engine/data-sources/data-source-input.js";
import { eventsQuery } from "./data-source-activity.js";
import { eventsResponse, resyncsResponse, startResyncResponses } from "./data-source-activity-schemas.js";
import { deleteQuery } from "./data-source-routes.js";
import type { ApiOperation, ApiResponse } from "./openapi/api-operation.js";
import { pathSegment, timestamp } from "./openapi/common-schemas.js";
import { invalidQuery } from "./openapi/shared-responses.js";

const settingSpec = z.object({
  name: z.string(),
  type: z.string(),
  description: z.string(),
  required: z.boolean(),
  sensitive: z.boolean().describe("stored encrypted and never answered"),
  default: z.unknown().optional(),
  enum: z.array(z.string()).readonly().optional(),
  format: z.string().optional(),
  shownWhen: z.object({ setting: z.string(), equals: z.string() }).optional(),
});

export const integrationsResponse = z.object({
  installationMethods: z.array(z.enum(INSTALLATION_METHODS)).readonly(),
  integrations: z.array(
    z.object({
      type: z.string(),
      title: z.string(),
      description: z.string(),
      settings: z.array(settingSpec).readonly(),
      defaultMapping: z.string(),
    }),
  ),
});

const problemDetail = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() });

/** A data source as the API shows it (`DataSourceView`): sensitive settings only as "set" / "not set". */
export const dataSourceView = z.object({
  id: z.string(),
  name: z.string(),
  integration: z.string(),
  installationMethod: z.enum(INSTALLATION_METHODS),
  sendRawDataExamples: z.boolean(),
  mapping: z.string(),
  resyncIntervalMinutes: z.number().int().nullable(),
  createdAt: timestamp.nullable(),
  updatedAt: timestamp.nullable(),
  readOnly: z.boolean().describe("the data source from settings: shown, not editable here"),
  integrationSettings: z.record(z.string(), z.unknown()),
  secrets: z.record(z.string(), z.enum(["set", "not set"])),
  webhookPath: z.string(),
  webhookRegistration: z
    .union([
      z.object({ state: z.literal("pending") }),
      z.object({
        state: z.literal("finished"),
        finishedAt: timestamp,
        outcomes: z.array(
          z.object({
            target: z.string(),
            status: z.enum(["registered", "patched", "unchanged", "skipped", "failed"]),
            reason: z.string().optional(),
          }),
        ),
      }),
    ])
    .nullable(),
  status: z.union([
    z.object({ state: z.enum(["running", "stopped"]) }),
    z.object({
      state: z.literal("failed"),
      error: problemDetail,
      mappingEditable: z
        .boolean()
        .describe(
          "Its integration was built from its settings: its mapping can be edited, and saving it starts it again.",
        ),
    }),
  ]),
});

export const dataSourcesResponse = z.object({ dataSources: z.array(dataSourceView) });
export const dataSourceRemovedResponse = z.object({ deletedEntities: z.number().int() });
export const secretsResponse = z.object({
  secrets: z.array(
    z.object({
      dataSource: z.string().nullable(),
      dataSourceName: z.string(),
      setting: z.string(),
      storedIn: z.enum(["database", "settings", "environment"]),
      updatedAt: timestamp.nullable(),
    }),
  ),
});

const idParams = z.object({ id: pathSegment.describe("the data source's id") });
const TAG = "Data sources";

const notFound: ApiResponse = { description: "No such data source.", codes: ["DATA_SOURCE_NOT_FOUND"] };
const readOnly: ApiResponse = {
  description: "The data source from settings is changed where it is configured.",
  codes: ["DATA_SOURCE_READ_ONLY"],
};
const invalid: ApiResponse = {
  description: "The data source is refused; `error.fields` has every problem at its field.",
  codes: ["DATA_SOURCE_INVALID"],
  errorFields: { fields: z.array(z.object({ field: z.string(), message: z.string() })).optional() },
};
const notRunning: ApiResponse = {
  description: "No such data source, or it is not running.",
  codes: ["DATA_SOURCE_NOT_RUNNING"],
};

/** Integrations, data sources (create, read, update, delete, resyncs, events) and the secrets in use. */
export const dataSourceOperations: readonly ApiOperation[] = [
  {
    method: "GET",
    url: "/api/v1/integrations",
    operationId: "listIntegrations",
    tag: TAG,
    summary: "The integration types with their settings (descriptions from Ocean's spec)",
    access: "signed-in",
    responses: { 200: { description: "The integration types.", schema: integrationsResponse } },
  },
  {
    method: "GET",
    url: "/api/v1/data-sources",
    operationId: "listDataSources",
    tag: TAG,
    summary: "Every data source: the one from settings and the stored ones",
    access: "signed-in",
    responses: { 200: { description: "The data sources.", schema: dataSourcesResponse } },
  },
  {
    method: "POST",
    url: "/api/v1/data-sources",
    operationId: "createDataSource",
    tag: TAG,
    summary: "Add a data source; it starts at once",
    access: "signed-in",
    body: {
      schema: dataSourceInputSchema,
      description:
        "A sensitive setting is write-only; the mapping is the integration's default when left out.",
    },
    responses: {
      201: { description: "The data source, started.", schema: dataSourceView },
      400: invalid,
    },
  },
  {
    method: "GET",
    url: "/api/v1/data-sources/:id",
    operationId: "getDataSource",
    tag: TAG,
    summary: "One data source, with its status and webhook registration",
    access: "signed-in",
    params: idParams,
    responses: { 200: { description: "The data source.", schema: dataSourceView }, 404: notFound },
  },
  {
    method: "PUT",
    url: "/api/v1/data-sources/:id",
    operationId: "updateDataSource",
    tag: TAG,
    summary: "Replace a data source's settings; it restarts",
    description: "A sensitive setting left out keeps its stored value; `null` removes it.",
    access: "signed-in",
    params: idParams,
    body: { schema: dataSourceInputSchema },
    responses: {
      200: { description: "The data source, restarted.", schema: dataSourceView },
      400: invalid,
      404: notFound,
      409: readOnly,
    },
  },
  {
    method: "DELETE",
    url: "/api/v1/data-sources/:id",
    operationId: "deleteDataSource",
    tag: TAG,
    summary: "Delete a data source, keeping or deleting the entities it wrote",
    access: "signed-in",
    params: idParams,
    query: deleteQuery,
    responses: {
      200: { description: "Deleted.", schema: dataSourceRemovedResponse },
      400: invalidQuery,
      404: notFound,
      409: readOnly,
    },
  },
  {
    method: "GET",
    url: "/api/v1/data-sources/:id/resyncs",
    operationId: "listResyncs",
    tag: TAG,
    summary: "A data source's running resync and history",
    access: "signed-in",
    params: idParams,
    responses: {
      200: { description: "The running resync (or null) and the history.", schema: resyncsResponse },
      404: notRunning,
    },
  },
  {
    method: "POST",
    url: "/api/v1/data-sources/:id/resyncs",
    operationId: "startResync",
    tag: TAG,
    summary: "Start a resync of a data source",
    access: "signed-in",
    params: idParams,
    responses: { ...startResyncResponses, 404: notRunning },
  },
  {
    method: "GET",
    url: "/api/v1/data-sources/:id/events",
    operationId: "listEvents",
    tag: TAG,
    summary: "A data source's live events (webhook deliveries)",
    access: "signed-in",
    params: idParams,
    query: eventsQuery,
    responses: {
      200: { description: "Counts per status and the newest deliveries.", schema: eventsResponse },
      400: invalidQuery,
      404: notRunning,
    },
  },
  {
    method: "GET",
    url: "/api/v1/secrets",
    operationId: "listSecrets",
    tag: TAG,
    summary: "Every secret in use and where it is kept, never its value",
    access: "signed-in",
    responses: { 200: { description: "The secrets in use.", schema: secretsResponse } },
  },
];
