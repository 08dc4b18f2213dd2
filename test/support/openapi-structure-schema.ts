/**
 * The structure of an OpenAPI 3.1 document, for the parts of the specification Portolan's
 * description uses (info, tags, paths and operations, parameters, request bodies, responses,
 * security): a JSON Schema (2020-12) written from the specification, not from our document, so a
 * misplaced or misspelt field fails. Schema Objects themselves are checked by compiling them with
 * ajv's JSON Schema 2020-12 dialect, which is what OpenAPI 3.1 uses.
 */
export const openApiStructureSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["openapi", "info", "paths"],
  additionalProperties: false,
  properties: {
    openapi: { type: "string", pattern: "^3\\.1\\.\\d+$" },
    info: {
      type: "object",
      required: ["title", "version"],
      additionalProperties: false,
      properties: {
        title: { type: "string" },
        version: { type: "string" },
        description: { type: "string" },
      },
    },
    tags: {
      type: "array",
      items: {
        type: "object",
        required: ["name"],
        additionalProperties: false,
        properties: { name: { type: "string" }, description: { type: "string" } },
      },
    },
    security: { $ref: "#/$defs/securityRequirements" },
    paths: {
      type: "object",
      propertyNames: { pattern: "^/" },
      additionalProperties: { $ref: "#/$defs/pathItem" },
    },
    components: {
      type: "object",
      additionalProperties: false,
      properties: {
        securitySchemes: { type: "object", additionalProperties: { $ref: "#/$defs/securityScheme" } },
      },
    },
  },
  $defs: {
    securityRequirements: {
      type: "array",
      items: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
    },
    securityScheme: {
      oneOf: [
        {
          type: "object",
          required: ["type", "name", "in"],
          additionalProperties: false,
          properties: {
            type: { const: "apiKey" },
            name: { type: "string" },
            in: { enum: ["query", "header", "cookie"] },
            description: { type: "string" },
          },
        },
        {
          type: "object",
          required: ["type", "scheme"],
          additionalProperties: false,
          properties: {
            type: { const: "http" },
            scheme: { type: "string" },
            bearerFormat: { type: "string" },
            description: { type: "string" },
          },
        },
      ],
    },
    pathItem: {
      type: "object",
      propertyNames: { enum: ["get", "put", "post", "delete", "options", "head", "patch", "trace"] },
      additionalProperties: { $ref: "#/$defs/operation" },
    },
    operation: {
      type: "object",
      required: ["operationId", "responses"],
      additionalProperties: false,
      properties: {
        operationId: { type: "string", pattern: "^[A-Za-z][A-Za-z0-9]*$" },
        tags: { type: "array", items: { type: "string" } },
        summary: { type: "string" },
        description: { type: "string" },
        security: { $ref: "#/$defs/securityRequirements" },
        parameters: { type: "array", items: { $ref: "#/$defs/parameter" } },
        requestBody: {
          type: "object",
          required: ["content"],
          additionalProperties: false,
          properties: {
            description: { type: "string" },
            required: { type: "boolean" },
            content: { $ref: "#/$defs/content" },
          },
        },
        responses: {
          type: "object",
          minProperties: 1,
          propertyNames: { pattern: "^([1-5][0-9][0-9]|[1-5]XX|default)$" },
          additionalProperties: {
            type: "object",
            required: ["description"],
            additionalProperties: false,
            properties: { description: { type: "string" }, content: { $ref: "#/$defs/content" } },
          },
        },
      },
    },
    parameter: {
      type: "object",
      required: ["name", "in", "schema"],
      additionalProperties: false,
      properties: {
        name: { type: "string", minLength: 1 },
        in: { enum: ["path", "query", "header", "cookie"] },
        required: { type: "boolean" },
        description: { type: "string" },
        schema: { type: ["object", "boolean"] },
      },
      // A path parameter is always required (OpenAPI 3.1, Parameter Object).
      if: { properties: { in: { const: "path" } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable.
      then: { required: ["required"], properties: { required: { const: true } } },
    },
    content: {
      type: "object",
      minProperties: 1,
      propertyNames: { pattern: "^[a-z]+/[a-z0-9.+-]+$" },
      additionalProperties: {
        type: "object",
        required: ["schema"],
        additionalProperties: false,
        properties: { schema: { type: ["object", "boolean"] } },
      },
    },
  },
} as const;
