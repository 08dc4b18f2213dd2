import { Gauge, type Registry } from "prom-client";
import { processRateLimits, type RateLimitObservations } from "./rate-limit-observations.js";

/** GitHub's quota per credential and bucket, as the last response reported it, read at scrape time. */
export function registerRateLimitGauges(
  registry: Registry,
  observations: RateLimitObservations = processRateLimits,
): void {
  const gauge = (
    name: string,
    help: string,
    value: (quota: ReturnType<RateLimitObservations["list"]>[number]) => number,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ["credential", "resource"],
      registers: [registry],
      collect() {
        this.reset();
        for (const quota of observations.list()) {
          this.set({ credential: quota.credential, resource: quota.resource }, value(quota));
        }
      },
    });
  gauge(
    "portolan_github_rate_limit_remaining",
    "Requests left in GitHub's current rate-limit window, by credential (kind and hash, or App installation) and bucket",
    (quota) => quota.remaining,
  );
  gauge(
    "portolan_github_rate_limit_limit",
    "GitHub's rate limit per window, by credential and bucket",
    (quota) => quota.limit,
  );
  gauge(
    "portolan_github_rate_limit_reset_seconds",
    "Unix time at which GitHub's current rate-limit window resets, by credential and bucket",
    (quota) => quota.resetAt / 1000,
  );
}
