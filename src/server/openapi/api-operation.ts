import type { z } from "zod";

/** Who may call an operation: anyone, a signed-in caller, or GitHub (checked by the delivery's signature). */
export type ApiAccess = "public" | "signed-in" | "webhook-signature";

/** One response of an operation, by HTTP status. */
export interface ApiResponse {
  description: string;
  /** A success body; an error status without one answers the problem shape `{error: {code, message, hint?}}`. */
  schema?: z.ZodType;
  /** `application/json` unless said. */
  contentType?: string;
  /** The stable codes an error status carries (docs/errors.md); any code when left out. */
  codes?: readonly string[];
  /** Fields an error adds inside `error` (e.g. `fields` of `DATA_SOURCE_INVALID`). */
  errorFields?: z.ZodRawShape;
  /** Fields an error adds beside `error` (e.g. `skippedId` of `RESYNC_ALREADY_RUNNING`). */
  besideError?: z.ZodRawShape;
}

/**
 * One route of Portolan's own HTTP API as its OpenAPI description says it: written next to the
 * route file, from the zod schemas the route validates with, so the two cannot drift apart.
 */
export interface ApiOperation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** As the route is registered with fastify: `/api/v1/data-sources/:id`. */
  url: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: ApiAccess;
  /** Path parameters, one key per `:name` of `url`. */
  params?: z.ZodObject;
  /** The route's own query schema (an object). */
  query?: z.ZodObject;
  /** Request headers the route reads. */
  headers?: z.ZodObject;
  body?: {
    schema: z.ZodType;
    contentType?: string;
    description?: string;
    /** The route reads the bytes itself (any content type): the JSON parser's 400 and 415 do not apply. */
    raw?: boolean;
  };
  responses: Readonly<Record<number, ApiResponse>>;
}
