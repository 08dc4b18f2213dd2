import type { AccessTokenRecord } from "../state/access-token.js";
import type { RateWindow } from "./rate-limit-window.js";

/** GitHub's GraphQL budget for a user token: 5000 points an hour, apart from the REST `core` one. */
export const GRAPHQL_RATE_LIMIT = 5000;

/**
 * Keyed by the token's `core` window, which the tokens of one installation share: so they share their
 * GraphQL budget too (and two simulators in one process never share one).
 */
const windows = new WeakMap<RateWindow, RateWindow>();

/**
 * The `graphql` window of a token, made on its first GraphQL request. Every request costs one point
 * here (GitHub charges one per hundred requested nodes, at least one).
 */
export function graphqlRateWindow(token: AccessTokenRecord): RateWindow {
  let window = windows.get(token.rateLimit);
  if (!window) {
    window = { limit: GRAPHQL_RATE_LIMIT, used: 0, resetEpochSeconds: 0 };
    windows.set(token.rateLimit, window);
  }
  return window;
}
