import { z } from "zod";
import type { ApiOperation } from "./api-operation.js";

/** What `GET /api/v1/openapi.json` answers: an OpenAPI 3.1 document (its own structure is OpenAPI's). */
export const openApiDocumentResponse = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.looseObject({})),
});

export const openApiOperations: readonly ApiOperation[] = [
  {
    method: "GET",
    url: "/api/v1/openapi.json",
    operationId: "getOpenApiDescription",
    tag: "API description",
    summary: "This description of Portolan's own HTTP API (OpenAPI 3.1)",
    access: "signed-in",
    responses: { 200: { description: "The OpenAPI document.", schema: openApiDocumentResponse } },
  },
];
