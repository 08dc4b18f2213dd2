import type { FastifyInstance } from "fastify";
import { rateLimitKeyOf } from "../http/credential-identity.js";
import { RATE_LIMIT_BUCKETS, type RateLimitUsage } from "../http/rate-limit-ledger.js";
import { requireContext } from "../http/request-context.js";
import type { SimulatorContext } from "../simulator-context.js";

/** A budget nothing in the simulator spends (GitHub lists them all). */
function untouched(limit: number, seconds: number): RateLimitUsage {
  return { limit, used: 0, remaining: limit, reset: Math.floor(Date.now() / 1000) + seconds };
}

/**
 * `GET /rate_limit`: every budget of the credential (`core`, `search`, `graphql` as counted, the others
 * whole) and `rate` (= `core`). Asking costs nothing, as on GitHub.
 */
export function registerRateLimitRoutes(app: FastifyInstance, { traffic }: SimulatorContext): void {
  app.get("/rate_limit", { config: { countsAgainstRateLimit: false } }, async (request) => {
    const { token } = requireContext(request.github);
    const credential = rateLimitKeyOf(token);
    const counted = Object.fromEntries(
      RATE_LIMIT_BUCKETS.map((bucket) => [bucket, traffic.ledger.usage(credential, bucket)]),
    );
    return {
      resources: {
        ...counted,
        integration_manifest: untouched(5000, 3600),
        source_import: untouched(100, 60),
        code_scanning_upload: untouched(1000, 3600),
        actions_runner_registration: untouched(10000, 3600),
        scim: untouched(15000, 3600),
        dependency_snapshots: untouched(100, 60),
        code_search: untouched(10, 60),
      },
      rate: counted.core,
    };
  });
}
