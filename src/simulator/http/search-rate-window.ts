import type { AccessTokenRecord } from "../state/access-token.js";
import { currentWindow, type RateWindow } from "./rate-limit-window.js";

/** GitHub's `search` budget for an authenticated client: 30 requests a minute. */
export const SEARCH_RATE_LIMIT = 30;
const SEARCH_WINDOW_SECONDS = 60;

/** Keyed by the token's `core` window, which the tokens of one installation share (see graphql's). */
const windows = new WeakMap<RateWindow, RateWindow>();

/** The token's current `search` window (`x-ratelimit-resource: search`), a minute long. */
export function searchRateWindow(token: AccessTokenRecord): RateWindow {
  let window = windows.get(token.rateLimit);
  if (!window) {
    window = { limit: SEARCH_RATE_LIMIT, used: 0, resetEpochSeconds: 0 };
    windows.set(token.rateLimit, window);
  }
  return currentWindow(window, undefined, SEARCH_WINDOW_SECONDS);
}
