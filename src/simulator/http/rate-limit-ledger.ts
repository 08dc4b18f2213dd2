import type { RateLimitSettings } from "./rate-limit-settings.js";

/** The primary budgets the simulator counts: `x-ratelimit-resource` values. */
export type RateLimitBucket = "core" | "search" | "graphql";

export const RATE_LIMIT_BUCKETS: readonly RateLimitBucket[] = ["core", "search", "graphql"];

/** Requests without a valid credential share one budget, as GitHub counts them per IP address. */
export const ANONYMOUS_CREDENTIAL = "anonymous";
const ANONYMOUS_LIMIT = 60;

const WINDOW_SECONDS: Record<RateLimitBucket, number> = { core: 3600, search: 60, graphql: 3600 };

/** One bucket of one credential, as `GET /rate_limit` and the `x-ratelimit-*` headers report it. */
export interface RateLimitUsage {
  limit: number;
  used: number;
  remaining: number;
  reset: number;
}

interface Window {
  used: number;
  resetEpochSeconds: number;
}

/**
 * Primary rate limits: a window per credential key and bucket. A window starts at the first request
 * after the previous one ended (as GitHub's do) and uses the wall clock, since clients compare
 * `x-ratelimit-reset` with theirs. Limits are read live from the settings, so lowering one applies at once.
 */
export class RateLimitLedger {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly settings: () => RateLimitSettings) {}

  usage(credential: string, bucket: RateLimitBucket): RateLimitUsage {
    const window = this.window(credential, bucket);
    const limit = this.limitOf(credential, bucket);
    return {
      limit,
      used: window.used,
      remaining: Math.max(0, limit - window.used),
      reset: window.resetEpochSeconds,
    };
  }

  exhausted(credential: string, bucket: RateLimitBucket, cost = 1): boolean {
    const usage = this.usage(credential, bucket);
    return usage.used + cost > usage.limit;
  }

  charge(credential: string, bucket: RateLimitBucket, cost: number): void {
    this.window(credential, bucket).used += cost;
  }

  /** Forgets every count (`DELETE /_simulator/rate-limits/usage`). */
  clear(): void {
    this.windows.clear();
  }

  private limitOf(credential: string, bucket: RateLimitBucket): number {
    return credential === ANONYMOUS_CREDENTIAL && bucket === "core"
      ? ANONYMOUS_LIMIT
      : this.settings()[bucket];
  }

  private window(credential: string, bucket: RateLimitBucket): Window {
    const key = `${bucket}\n${credential}`;
    const now = Math.floor(Date.now() / 1000);
    let window = this.windows.get(key);
    if (!window || window.resetEpochSeconds <= now) {
      window = { used: 0, resetEpochSeconds: now + WINDOW_SECONDS[bucket] };
      this.windows.set(key, window);
    }
    return window;
  }
}
