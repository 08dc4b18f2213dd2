import type { FastifyReply, FastifyRequest } from "fastify";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { sendNotFound } from "./github-error.js";
import { canSeeRepository } from "./repository-access.js";
import { requireContext } from "./request-context.js";

/**
 * Finds the repository a `/repos/{owner}/{repo}/...` request names, or answers for it: a former name
 * (after a rename) gets GitHub's `301` to `/repositories/{id}/...`; an unknown or invisible repository
 * gets `404`. Returns undefined when it has answered.
 */
export function resolveRepository(
  state: SimulatorState,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { owner: string; repo: string; rest: string; documentationUrl: string },
): RepositoryRecord | undefined {
  const { viewer, token, urls } = requireContext(request.github);
  const found = state.findRepository(input.owner, input.repo);
  if (!found || !canSeeRepository(found.repository, state, viewer, token)) {
    sendNotFound(reply, input.documentationUrl);
    return undefined;
  }
  if (found.movedFrom !== null) {
    const search = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
    const location = `${urls.api}/repositories/${found.repository.id}${input.rest}${search}`;
    reply.code(301).header("location", location).send({
      message: "Moved Permanently",
      url: location,
      documentation_url: "https://docs.github.com/v3/#http-redirects",
    });
    return undefined;
  }
  return found.repository;
}

/** Finds a repository by id (`/repositories/{id}/...`), answering 404 when it is unknown or invisible. */
export function resolveRepositoryById(
  state: SimulatorState,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { id: string; documentationUrl: string },
): RepositoryRecord | undefined {
  const { viewer, token } = requireContext(request.github);
  const repository = /^\d+$/.test(input.id) ? state.getRepository(Number(input.id)) : undefined;
  if (!repository || !canSeeRepository(repository, state, viewer, token)) {
    sendNotFound(reply, input.documentationUrl);
    return undefined;
  }
  return repository;
}
