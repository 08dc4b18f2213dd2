/**
 * The quota reservation of `resyncRatelimitReservationThreshold` (spec §3.5): once a credential has used
 * that percentage of its hourly quota, resync requests wait for the reset, so live events and actions keep
 * the rest. Live-event requests never wait here. GitHub reports the quota in every response
 * (`x-ratelimit-limit`, `-remaining`, `-reset`, `-resource`); the search API has its own quota.
 */

/** Who is asking: a resync may be held back, live events and actions are not. */
export type Traffic = "resync" | "live";

export interface Quota {
  limit: number;
  remaining: number;
  /** Epoch milliseconds. */
  resetAt: number;
}

export type Sleep = (milliseconds: number, signal?: AbortSignal) => Promise<void>;

export interface RateLimitBudgetOptions {
  /** Percentage 0–100 of the quota a resync may use. */
  thresholdPercent: number;
  now?: () => number;
  sleep: Sleep;
  /** Called with every quota a response reports (for `/metrics`). */
  onObserve?: (resource: string, quota: Quota) => void;
  /** Called before a resync waits, to log it. */
  onWait?: (details: { resource: string; waitMs: number; used: number; limit: number }) => void;
}

export class RateLimitBudget {
  private readonly quotas = new Map<string, Quota>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitBudgetOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Reads the quota headers of a response (successful or not). */
  observe(headers: Record<string, string | number | undefined> | undefined): void {
    if (!headers) return;
    const limit = Number(headers["x-ratelimit-limit"]);
    const remaining = Number(headers["x-ratelimit-remaining"]);
    const reset = Number(headers["x-ratelimit-reset"]);
    if (![limit, remaining, reset].every(Number.isFinite) || limit <= 0) return;
    const resource = String(headers["x-ratelimit-resource"] ?? "core");
    const quota = { limit, remaining, resetAt: reset * 1000 };
    this.quotas.set(resource, quota);
    this.options.onObserve?.(resource, quota);
  }

  /** Waits until the reset when a resync request would eat into the reserved part of the quota. */
  async reserve(traffic: Traffic, resource: string, signal?: AbortSignal): Promise<void> {
    if (traffic !== "resync") return;
    const quota = this.reservedQuota(resource);
    if (!quota) return;
    const used = quota.limit - quota.remaining;
    // One second past the reset, as GitHub advises; a reset is never more than an hour away.
    const waitMs = Math.min(quota.resetAt - this.now() + 1000, 3_600_000);
    this.options.onWait?.({ resource, waitMs, used, limit: quota.limit });
    await this.options.sleep(waitMs, signal);
    this.quotas.delete(resource);
  }

  /** Whether the rest of `resource`'s quota is kept for live events now (background work should wait). */
  isReserved(resource: string): boolean {
    return this.reservedQuota(resource) !== undefined;
  }

  /** The last quota reported for `resource` when its used part reached the threshold, before its reset. */
  private reservedQuota(resource: string): Quota | undefined {
    const quota = this.quotas.get(resource);
    if (!quota) return undefined;
    if (this.now() >= quota.resetAt) {
      this.quotas.delete(resource);
      return undefined;
    }
    const used = quota.limit - quota.remaining;
    return (used / quota.limit) * 100 < this.options.thresholdPercent ? undefined : quota;
  }
}

/** The quota a REST path draws on. */
export function quotaResourceOf(route: string): string {
  if (/\/graphql$/.test(route)) return "graphql";
  return /\/search\/(repositories|code|issues|commits|users|topics|labels)\b/.test(route) ? "search" : "core";
}
