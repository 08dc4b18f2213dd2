/** A classic personal access token and the rate-limit window counted against it. */
export interface AccessTokenRecord {
  token: string;
  userId: number;
  scopes: string[];
  rateLimit: { limit: number; used: number; resetEpochSeconds: number };
}

/** GitHub's `core` budget for a personal access token: 5000 requests an hour. */
export const CORE_RATE_LIMIT = 5000;

/** A rate-limit window that starts at the token's first request. */
export function newRateWindow(): AccessTokenRecord["rateLimit"] {
  return { limit: CORE_RATE_LIMIT, used: 0, resetEpochSeconds: 0 };
}
