import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { RequiredPermission } from "../state/token-grant.js";
import type { GitHubRouteConfig } from "./request-context.js";
import { resolveRepository, resolveRepositoryById } from "./resolve-repository.js";

type Params = Record<string, string>;

/**
 * Registers a GET below a repository twice, as GitHub serves it: at `/repos/{owner}/{repo}{path}` and at
 * `/repositories/{id}{path}` (where GitHub's `Link` headers point). `path` may hold `:params` and a
 * trailing `*`. The handler gets the visible repository (404 and the 301 of renames are answered here).
 */
export function registerRepositoryGet(
  app: FastifyInstance,
  state: SimulatorState,
  route: {
    path: string;
    documentationUrl: string;
    /** The fine-grained permission both paths need. */
    permission: RequiredPermission;
    acceptedScopes?: string[];
  },
  handler: (
    repository: RepositoryRecord,
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
  ) => unknown,
): void {
  const config: GitHubRouteConfig = {
    acceptedScopes: route.acceptedScopes ?? ["repo"],
    permission: route.permission,
    documentationUrl: route.documentationUrl,
  };
  const rest = (request: FastifyRequest<{ Params: Params }>) => {
    const url = request.url.split("?")[0] ?? "";
    const match = /^(?:\/api\/v3)?\/(?:repos\/[^/]+\/[^/]+|repositories\/[^/]+)(\/.*)$/.exec(url);
    return match?.[1] ?? "";
  };
  app.get<{ Params: Params }>(`/repos/:owner/:repo${route.path}`, { config }, async (request, reply) => {
    const repository = resolveRepository(state, request, reply, {
      owner: request.params.owner ?? "",
      repo: request.params.repo ?? "",
      rest: rest(request),
      documentationUrl: route.documentationUrl,
    });
    if (!repository) return reply;
    return handler(repository, request, reply);
  });
  app.get<{ Params: Params }>(`/repositories/:id${route.path}`, { config }, async (request, reply) => {
    const repository = resolveRepositoryById(state, request, reply, {
      id: request.params.id ?? "",
      documentationUrl: route.documentationUrl,
    });
    if (!repository) return reply;
    return handler(repository, request, reply);
  });
}
