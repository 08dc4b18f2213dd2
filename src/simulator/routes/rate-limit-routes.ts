import type { FastifyInstance } from "fastify";
import { currentWindow, type RateWindow } from "../http/rate-limit-window.js";
import { requireContext } from "../http/request-context.js";
import type { SimulatorContext } from "../simulator-context.js";

function describeWindow(window: RateWindow) {
  return {
    limit: window.limit,
    used: window.used,
    remaining: Math.max(0, window.limit - window.used),
    reset: window.resetEpochSeconds,
  };
}

/** A budget nothing spends yet (search, GraphQL ... are counted in later slices). */
function untouched(limit: number, seconds: number) {
  return { limit, used: 0, remaining: limit, reset: Math.floor(Date.now() / 1000) + seconds };
}

/**
 * `GET /rate_limit`: the token's budgets. Only `core` is counted so far; asking costs nothing, as on
 * GitHub.
 */
export function registerRateLimitRoutes(app: FastifyInstance, _context: SimulatorContext): void {
  app.get("/rate_limit", { config: { countsAgainstRateLimit: false } }, async (request) => {
    const { token } = requireContext(request.github);
    const core = describeWindow(currentWindow(token.rateLimit));
    return {
      resources: {
        core,
        search: untouched(30, 60),
        graphql: untouched(5000, 3600),
        integration_manifest: untouched(5000, 3600),
        source_import: untouched(100, 60),
        code_scanning_upload: untouched(1000, 3600),
        actions_runner_registration: untouched(10000, 3600),
        scim: untouched(15000, 3600),
        dependency_snapshots: untouched(100, 60),
        code_search: untouched(10, 60),
      },
      rate: core,
    };
  });
}
