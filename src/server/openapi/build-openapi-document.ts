import { SESSION_COOKIE } from "../auth/register-auth.js";
import type { ApiOperation, ApiResponse } from "./api-operation.js";
import { type JsonSchema, jsonSchemaOf, parametersOf } from "./json-schema-of.js";
import { problemSchema } from "./problem-schema.js";

const JSON_TYPE = "application/json";

/** Errors any route can answer besides its own: added to each operation they apply to. */
const NOT_SIGNED_IN: ApiResponse = {
  description: "Not signed in: no session cookie and no valid bearer token.",
  codes: ["AUTH_REQUIRED"],
};
const BODY_TOO_LARGE: ApiResponse = {
  description: "The body is over the limit (1 MiB for the API, 25 MB for webhook deliveries).",
  codes: ["REQUEST_BODY_TOO_LARGE"],
};
const NOT_JSON_MEDIA_TYPE: ApiResponse = {
  description: "The body is not sent as `application/json`.",
  codes: ["REQUEST_UNSUPPORTED_MEDIA_TYPE"],
};
const UNREADABLE_BODY: ApiResponse = {
  description:
    "The body is not JSON, holds a forbidden key (`__proto__`, or `constructor` holding `prototype`), or its Content-Length is wrong.",
  codes: ["REQUEST_BAD_JSON", "REQUEST_FORBIDDEN_KEY", "REQUEST_BAD_CONTENT_LENGTH", "REQUEST_INVALID"],
};
const INTERNAL: ApiResponse = {
  description: "An unexpected failure; the details are in the server log only.",
  codes: ["INTERNAL"],
};

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  tags: Array<{ name: string }>;
  security: Array<Record<string, string[]>>;
  paths: Record<string, Record<string, JsonSchema>>;
  components: { securitySchemes: Record<string, JsonSchema> };
}

/** `/api/v1/data-sources/:id` → `/api/v1/data-sources/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

/** The OpenAPI 3.1 description of Portolan's own HTTP API, from each route file's operations. */
export function buildOpenApiDocument(operations: readonly ApiOperation[]): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const operation of operations) {
    const path = openApiPath(operation.url);
    paths[path] = { ...paths[path], [operation.method.toLowerCase()]: operationObject(operation) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Portolan API",
      version: "v1",
      description:
        "Portolan's own HTTP API: sign-in and API clients, the catalog, data sources, mappings, webhooks, " +
        "health and metrics. Port's API served under /v1 is described by Port. Errors answer " +
        '`{"error": {"code", "message", "hint"}}`; every code is listed in docs/errors.md.',
    },
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    security: [{ session: [] }, { bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: SESSION_COOKIE,
          description: "The portal's session, set by POST /api/v1/session (username and password).",
        },
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "An access token from POST /v1/auth/access_token with an API client's id and secret " +
            "(POST /api/v1/clients creates one); valid for an hour.",
        },
      },
    },
  };
}

function operationObject(operation: ApiOperation): JsonSchema {
  const parameters = [
    ...parametersOf(operation.params, "path"),
    ...parametersOf(operation.query, "query"),
    ...parametersOf(operation.headers, "header"),
  ];
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    // Public and webhook operations need no sign-in; the others take the document's default.
    ...(operation.access === "signed-in" ? {} : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            ...(operation.body.description ? { description: operation.body.description } : {}),
            content: {
              [operation.body.contentType ?? JSON_TYPE]: {
                schema: jsonSchemaOf(operation.body.schema, "input"),
              },
            },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(allResponses(operation)).map(([status, response]) => [
        status,
        responseObject(Number(status), response),
      ]),
    ),
  };
}

/** The operation's own responses plus the errors that apply to it whatever the route does. */
function allResponses(operation: ApiOperation): Record<number, ApiResponse> {
  const responses: Record<number, ApiResponse> = { ...operation.responses };
  const add = (status: number, shared: ApiResponse) => {
    const own = responses[status];
    if (!own) responses[status] = shared;
    else if (own.codes && shared.codes) {
      responses[status] = { ...own, codes: [...new Set([...own.codes, ...shared.codes])] };
    }
  };
  if (operation.access === "signed-in") add(401, NOT_SIGNED_IN);
  if (operation.body) add(413, BODY_TOO_LARGE);
  if (operation.body && !operation.body.raw && (operation.body.contentType ?? JSON_TYPE) === JSON_TYPE) {
    add(400, UNREADABLE_BODY);
    add(415, NOT_JSON_MEDIA_TYPE);
  }
  add(500, INTERNAL);
  return responses;
}

function responseObject(status: number, response: ApiResponse): JsonSchema {
  const schema =
    response.schema ??
    (status >= 400 ? problemSchema(response.codes, response.errorFields, response.besideError) : undefined);
  return {
    description: response.description,
    ...(schema
      ? { content: { [response.contentType ?? JSON_TYPE]: { schema: jsonSchemaOf(schema, "output") } } }
      : {}),
  };
}
