import type { FastifyInstance } from "fastify";
import { API_OPERATIONS } from "./api-operations.js";
import { buildOpenApiDocument } from "./build-openapi-document.js";

/**
 * `GET /api/v1/openapi.json`: the description of this API. Behind sign-in like the rest of
 * `/api/v1` — an anonymous caller learns nothing but the sign-in page.
 */
export async function registerOpenApiRoute(app: FastifyInstance): Promise<void> {
  const document = buildOpenApiDocument(API_OPERATIONS);
  app.get("/api/v1/openapi.json", async () => document);
}
