import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { executeGitHubGraphQL } from "../graphql/execute-github-graphql.js";
import { sendGitHubError } from "../http/github-error.js";
import { requireContext } from "../http/request-context.js";
import type { SimulatorContext } from "../simulator-context.js";

const GRAPHQL_DOCS = "https://docs.github.com/graphql";

const RequestBody = z.looseObject({
  query: z.string(),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

/**
 * `POST /graphql` on GitHub's schema (registered at the root, and as `/api/graphql` for GitHub Enterprise
 * Server paths), over the same state as REST. Authentication, request ids and rate-limit headers (of the
 * token's `graphql` budget) come from the scope's shared hooks.
 */
export function registerGraphQLRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  app.post("/graphql", { config: { rateLimitResource: "graphql" } }, async (request, reply) => {
    const { viewer, token, urls } = requireContext(request.github);
    const body = RequestBody.safeParse(request.body);
    if (!body.success) {
      return sendGitHubError(
        reply,
        400,
        "A query attribute must be specified and must be a string.",
        GRAPHQL_DOCS,
      );
    }
    return executeGitHubGraphQL(body.data, {
      state,
      viewer,
      token,
      urls,
      rateLimit: request.traffic?.graphql,
    });
  });
}
