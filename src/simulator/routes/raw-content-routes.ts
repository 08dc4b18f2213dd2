import type { FastifyInstance } from "fastify";
import { sendNotFound } from "../http/github-error.js";
import { readToken } from "../http/read-token.js";
import { canSeeRepository } from "../http/repository-access.js";
import type { SimulatorContext } from "../simulator-context.js";
import { tokenIsLive } from "../state/access-token.js";

/**
 * `GET /{owner}/{repo}/raw/{ref}/{path}`: the file bytes behind a content's `download_url`, on the web
 * root as GitHub Enterprise Server serves them. Public repositories need no token; private and internal
 * ones need one that may see them (404 otherwise). A ref may contain slashes: the longest existing ref
 * wins.
 */
export function registerRawContentRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  app.get<{ Params: { owner: string; repo: string; "*": string } }>(
    "/:owner/:repo/raw/*",
    async (request, reply) => {
      const found = state.findRepository(request.params.owner, request.params.repo);
      if (!found || found.movedFrom !== null) return sendNotFound(reply);
      const repo = found.repository;
      if (repo.visibility !== "public") {
        const token = state.findToken(readToken(request.headers.authorization) ?? "");
        const viewer = token ? state.findAccountById(token.userId) : undefined;
        const live = token !== undefined && tokenIsLive(token, Date.now());
        if (!live || !viewer || !canSeeRepository(repo, state, viewer, token)) return sendNotFound(reply);
      }
      const parts = request.params["*"].split("/");
      for (let split = parts.length - 1; split >= 1; split--) {
        const ref = parts.slice(0, split).join("/");
        if (!state.hasRef(repo.id, ref)) continue;
        const text = state.readFile(repo.id, ref, parts.slice(split).join("/"));
        if (text !== undefined) return reply.type("text/plain; charset=utf-8").send(text);
      }
      return sendNotFound(reply);
    },
  );
}
