import { z } from "zod";
import { pageQuery } from "./catalog-api-routes.js";
import { eventsQuery } from "./data-source-activity.js";
import { eventsResponse, resyncsResponse, startResyncResponses } from "./data-source-activity-schemas.js";
import type { ApiOperation } from "./openapi/api-operation.js";
import { mappedEntity, pathSegment, timestamp } from "./openapi/common-schemas.js";
import { invalidQuery, settingsDataSourceMissing } from "./openapi/shared-responses.js";

/** Port's blueprint shape (`Blueprint`) with its entity count. */
const blueprintSummary = z.object({
  identifier: z.string(),
  title: z.string().optional(),
  icon: z.string().optional(),
  description: z.string().optional(),
  schema: z.looseObject({
    properties: z.record(z.string(), z.looseObject({})),
    required: z.array(z.string()).optional(),
  }),
  relations: z
    .record(
      z.string(),
      z.object({
        target: z.string(),
        title: z.string().optional(),
        required: z.boolean().optional(),
        many: z.boolean().optional(),
      }),
    )
    .optional(),
  calculationProperties: z.record(z.string(), z.unknown()).optional(),
  mirrorProperties: z.record(z.string(), z.unknown()).optional(),
  aggregationProperties: z.record(z.string(), z.unknown()).optional(),
  entityCount: z.number().int(),
});

const storedEntity = mappedEntity.extend({
  dataSource: z.string().describe("the data source that wrote it"),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const blueprintsResponse = z.object({ blueprints: z.array(blueprintSummary) });

export const entityPageResponse = z.object({
  entities: z.array(storedEntity),
  total: z.number().int().describe("entities the filter keeps, all pages"),
  dataSources: z.array(z.string()).describe("the data sources that wrote entities of this blueprint"),
});

export const entityResponse = z.object({
  entity: storedEntity,
  incoming: z
    .array(
      z.object({
        blueprint: z.string(),
        relation: z.string(),
        entities: z.array(
          z.object({ blueprint: z.string(), identifier: z.string(), title: z.string().nullable() }),
        ),
        total: z.number().int(),
      }),
    )
    .describe("entities whose relations point at this one, per blueprint and relation"),
});

const blueprintParams = z.object({ identifier: pathSegment.describe("the blueprint's identifier") });
const CATALOG = "Catalog";
const SYNC = "Sync (data source from settings)";

/** The portal's read API over the embedded catalog, and the settings data source's resyncs and events. */
export const catalogApiOperations: readonly ApiOperation[] = [
  {
    method: "GET",
    url: "/api/v1/blueprints",
    operationId: "listBlueprints",
    tag: CATALOG,
    summary: "Every blueprint with its entity count",
    access: "signed-in",
    responses: { 200: { description: "The blueprints.", schema: blueprintsResponse } },
  },
  {
    method: "GET",
    url: "/api/v1/blueprints/:identifier/entities",
    operationId: "listEntities",
    tag: CATALOG,
    summary: "One page of a blueprint's entities, searched and filtered",
    access: "signed-in",
    params: blueprintParams,
    query: pageQuery,
    responses: {
      200: { description: "The page and the total.", schema: entityPageResponse },
      400: invalidQuery,
    },
  },
  {
    method: "GET",
    url: "/api/v1/blueprints/:identifier/entities/:entity",
    operationId: "getEntity",
    tag: CATALOG,
    summary: "One entity with the entities that point at it",
    access: "signed-in",
    params: blueprintParams.extend({ entity: pathSegment.describe("the entity's identifier") }),
    responses: {
      200: { description: "The entity.", schema: entityResponse },
      404: { description: "No such entity.", codes: ["ENTITY_NOT_FOUND"] },
    },
  },
  {
    method: "GET",
    url: "/api/v1/resyncs",
    operationId: "listSettingsResyncs",
    tag: SYNC,
    summary: "The running resync and the history of the data source from settings",
    access: "signed-in",
    responses: {
      200: { description: "The running resync (or null) and the history.", schema: resyncsResponse },
      404: settingsDataSourceMissing,
    },
  },
  {
    method: "POST",
    url: "/api/v1/resyncs",
    operationId: "startSettingsResync",
    tag: SYNC,
    summary: "Start a resync of the data source from settings",
    access: "signed-in",
    responses: { ...startResyncResponses, 404: settingsDataSourceMissing },
  },
  {
    method: "GET",
    url: "/api/v1/events",
    operationId: "listSettingsEvents",
    tag: SYNC,
    summary: "The live events (webhook deliveries) of the data source from settings",
    access: "signed-in",
    query: eventsQuery,
    responses: {
      200: { description: "Counts per status and the newest deliveries.", schema: eventsResponse },
      400: invalidQuery,
      404: settingsDataSourceMissing,
    },
  },
];
