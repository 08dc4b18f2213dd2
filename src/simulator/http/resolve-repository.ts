import type { FastifyReply, FastifyRequest } from "fastify";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { sendNotFound } from "./github-error.js";
import { canSeeRepository } from "./repository-access.js";
import { requireContext } from "./request-context.js";

/**
 * Finds the repository a `/repos/{owner}/{repo}/...` request names, or answers for it: a former name
 * (after a rename) gets GitHub's redirect to `/repositories/{id}/...` (see `sendRepositoryRedirect`); an
 * unknown or invisible repository gets `404`. Returns undefined when it has answered.
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
    sendRepositoryRedirect(
      request,
      reply,
      `${urls.api}/repositories/${found.repository.id}${input.rest}${search}`,
    );
    return undefined;
  }
  return found.repository;
}

/**
 * GitHub's answer to a renamed repository's former name: `301 Moved Permanently` to a `GET` or `HEAD`,
 * `307 Temporary Redirect` to any other method, so that a client following it repeats a `POST`, `PATCH`
 * or `DELETE` as it was (after a `301`, `fetch` turns a `POST` into a `GET`).
 */
function sendRepositoryRedirect(request: FastifyRequest, reply: FastifyReply, location: string): void {
  const permanent = request.method === "GET" || request.method === "HEAD";
  reply
    .code(permanent ? 301 : 307)
    .header("location", location)
    .send({
      message: permanent ? "Moved Permanently" : "Temporary Redirect",
      url: location,
      documentation_url: "https://docs.github.com/v3/#http-redirects",
    });
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
