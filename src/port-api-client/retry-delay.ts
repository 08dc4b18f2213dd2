/** Statuses worth another attempt (§7.1): timeouts, throttling, gateways, and 401 after a token refresh. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([401, 408, 429, 502, 503, 504]);

export const MAX_RETRY_DELAY_MS = 300_000;

/**
 * How long to wait before retry `attempt` (1 for the first): what the server asked for in
 * `Retry-After` or `x-ratelimit-reset` (seconds, an epoch when over 10,000, or a date), else
 * exponential from `baseDelayMs` with ±10 % jitter; never over 300 s.
 */
export function retryDelayMs(
  attempt: number,
  headers: Headers | undefined,
  baseDelayMs: number,
  now = Date.now(),
): number {
  const asked = askedDelayMs(headers?.get("retry-after") ?? headers?.get("x-ratelimit-reset") ?? null, now);
  const delay = asked ?? baseDelayMs * 2 ** (attempt - 1) * (0.9 + Math.random() * 0.2);
  return Math.min(Math.max(0, delay), MAX_RETRY_DELAY_MS);
}

function askedDelayMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds > 10_000 ? seconds * 1000 - now : seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date - now;
}
