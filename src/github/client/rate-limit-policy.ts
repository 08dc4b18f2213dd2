/**
 * Rate-limit and retry policy as data: how many times and how long the client waits when GitHub says
 * "slow down", before the request fails with `GITHUB_RATE_LIMITED`.
 */
export interface RateLimitPolicy {
  /** Primary limit (quota exhausted, `x-ratelimit-remaining: 0`): wait for the reset, a bounded number of times. */
  primary: { maxRetries: number; maxWaitSeconds: number };
  /** Secondary limit (abuse detection, `retry-after`): back off and retry a bounded number of times. */
  secondary: { maxRetries: number; maxWaitSeconds: number };
  /** Server errors (5xx) and network failures: retried by `@octokit/plugin-retry` with quadratic back-off. */
  serverErrors: { maxRetries: number; doNotRetry: readonly number[] };
  /** Milliseconds per second of `retry-after` (1000 in production; tests make it small). */
  retryAfterBaseMs: number;
  /**
   * A request unanswered after this long is aborted and retried as a network failure: without it, a
   * connection GitHub (or a proxy) never answers would hold a resync forever.
   */
  requestTimeoutMs: number;
  /** Milliseconds between the starts of two writes of one credential (GitHub asks for a second). */
  writeSpacingMs: number;
}

export const defaultRateLimitPolicy: RateLimitPolicy = {
  // A primary reset is at most an hour away; after it the quota is whole again, so one wait is enough.
  primary: { maxRetries: 1, maxWaitSeconds: 3600 },
  secondary: { maxRetries: 3, maxWaitSeconds: 300 },
  // 429 is left to the throttling callbacks above, so a rate limit is not retried by both plugins.
  serverErrors: { maxRetries: 3, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
  retryAfterBaseMs: 1000,
  // GitHub gives up on a request itself after 10 seconds; a minute leaves room for slow proxies and GHES.
  requestTimeoutMs: 60_000,
  writeSpacingMs: 1000,
};

export type RateLimitKind = "primary" | "secondary";

/** The decision of a throttling callback: retry iff the count and the wait stay within the policy. */
export function shouldRetryRateLimit(
  policy: RateLimitPolicy,
  kind: RateLimitKind,
  retryAfterSeconds: number,
  retryCount: number,
): boolean {
  const rule = policy[kind];
  return retryCount < rule.maxRetries && retryAfterSeconds <= rule.maxWaitSeconds;
}
