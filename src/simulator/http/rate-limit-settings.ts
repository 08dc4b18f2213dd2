import { z } from "zod";

/**
 * The limits the simulator enforces, GitHub's published values by default. Tests lower them (at start
 * or through `PATCH /_simulator/rate-limits`) to exhaust a budget in a few requests.
 */
export const RateLimitSettingsSchema = z.strictObject({
  /** `core` requests per hour per credential (personal access tokens and App installations: 5000). */
  core: z.number().int().nonnegative(),
  /** `search` requests per minute per credential (30). */
  search: z.number().int().nonnegative(),
  /** `graphql` points per hour per credential (5000). */
  graphql: z.number().int().nonnegative(),
  /** Requests of one credential in flight at once before the secondary limit (GitHub documents 100). */
  concurrentRequests: z.number().int().positive(),
  /**
   * Secondary-limit points per minute for REST (GET/HEAD/OPTIONS cost 1, other methods 5). GitHub
   * documents 900; null (the default) does not count them, so fast loopback runs and benchmarks measure
   * Portolan rather than a minute's wait.
   */
  restPointsPerMinute: z.number().int().positive().nullable(),
  /** Secondary-limit points per minute for GraphQL (queries 1, mutations 5; GitHub: 2000); null: not counted. */
  graphqlPointsPerMinute: z.number().int().positive().nullable(),
  /** Seconds a secondary-limit answer tells the client to wait (`retry-after`). */
  secondaryRetryAfterSeconds: z.number().int().nonnegative(),
  /**
   * GraphQL point cost above which a query answers like GitHub's 10-second timeout; null (the default)
   * never does, as GitHub times out on work, not on a cost.
   */
  graphqlTimeoutCost: z.number().int().positive().nullable(),
});

export type RateLimitSettings = z.infer<typeof RateLimitSettingsSchema>;

export const RateLimitSettingsPatch = RateLimitSettingsSchema.partial();

export const defaultRateLimitSettings: RateLimitSettings = {
  core: 5000,
  search: 30,
  graphql: 5000,
  concurrentRequests: 100,
  restPointsPerMinute: null,
  graphqlPointsPerMinute: null,
  secondaryRetryAfterSeconds: 60,
  graphqlTimeoutCost: null,
};
