import { z } from "zod";

/**
 * Ocean's port app config (the mapping), wire names and defaults as Ocean's pydantic v1 models
 * have them. Mapping leaves are jq expressions kept as text; numbers coerce to text as pydantic
 * v1 does.
 */
const jqText = z.preprocess(
  (value) =>
    typeof value === "number"
      ? String(value)
      : typeof value === "boolean"
        ? value
          ? "True"
          : "False"
        : value,
  z.string({ error: "must be a jq expression (text)" }),
);

export interface SearchQuery {
  combinator: string;
  rules: Array<SearchRule | SearchQuery>;
}
export interface SearchRule {
  property: string;
  operator: string;
  value: string;
}

const searchRule = z.object({ property: jqText, operator: jqText, value: jqText });
export const searchQuerySchema: z.ZodType<SearchQuery> = z.lazy(() =>
  z.object({ combinator: jqText, rules: z.array(z.union([searchRule, searchQuerySchema])) }),
);

const entityMappingsSchema = z.object({
  identifier: z.union([jqText, searchQuerySchema]),
  blueprint: jqText,
  title: jqText.optional(),
  icon: jqText.optional(),
  team: z.union([jqText, searchQuerySchema]).optional(),
  properties: z.record(z.string(), jqText).default({}),
  relations: z.record(z.string(), z.union([jqText, searchQuerySchema])).default({}),
});

export const selectorSchema = z.looseObject({
  query: jqText,
  exportEnvVariables: z.array(z.string()).default([]),
});

export const resourceSchema = z.object({
  kind: z.string({ error: "every resource needs a kind, e.g. kind: repository" }),
  selector: selectorSchema,
  port: z.object({
    itemsToParse: jqText.nullish(),
    itemsToParseName: z.string().default("item"),
    itemsToParseTopLevelTransform: z.boolean().default(true),
    entity: z.object({ mappings: entityMappingsSchema }),
  }),
});

export const portAppConfigSchema = z.looseObject({
  enableMergeEntity: z.boolean().default(true),
  deleteDependentEntities: z.boolean().default(true),
  createMissingRelatedEntities: z.boolean().default(true),
  entityDeletionThreshold: z.number().min(0).max(1).default(0.9),
  resources: z.array(resourceSchema).default([]),
});

export type EntityMappings = z.infer<typeof entityMappingsSchema>;
export type ResourceConfig = z.infer<typeof resourceSchema>;
export type PortAppConfig = z.infer<typeof portAppConfigSchema>;

/** Keys the engine itself reads; every other top-level key is an integration option. */
export const ENGINE_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set([
  "enableMergeEntity",
  "deleteDependentEntities",
  "createMissingRelatedEntities",
  "entityDeletionThreshold",
  "resources",
]);
