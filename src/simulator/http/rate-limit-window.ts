import type { AccessTokenRecord } from "../state/access-token.js";

export type RateWindow = AccessTokenRecord["rateLimit"];

const WINDOW_SECONDS = 3600;

/**
 * The window a request falls in: a fresh hour starts when the previous one is over (GitHub's windows
 * start at the first request after a reset). Windows use the wall clock, since clients compare
 * `x-ratelimit-reset` with theirs.
 */
export function currentWindow(
  window: RateWindow,
  nowSeconds: number = Math.floor(Date.now() / 1000),
  windowSeconds: number = WINDOW_SECONDS,
): RateWindow {
  if (window.resetEpochSeconds <= nowSeconds) {
    window.used = 0;
    window.resetEpochSeconds = nowSeconds + windowSeconds;
  }
  return window;
}
