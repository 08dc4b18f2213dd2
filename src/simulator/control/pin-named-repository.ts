import type { FastifyRequest } from "fastify";
import type { SimulatorState } from "../state/simulator-state.js";

/**
 * A control-route hook: the repository a path names (`/repos/{owner}/{repo}/…`, also under teams) is
 * about to change, so a lazily generated one is pinned first — its changes must survive eviction.
 */
export function pinNamedRepository(state: SimulatorState) {
  return async (request: FastifyRequest): Promise<void> => {
    if (request.method === "GET") return;
    const params = request.params as { owner?: unknown; repo?: unknown } | undefined;
    if (typeof params?.owner !== "string" || typeof params.repo !== "string") return;
    const found = state.findRepository(params.owner, params.repo);
    if (found) state.pinRepositoryParts(found.repository.id);
  };
}
