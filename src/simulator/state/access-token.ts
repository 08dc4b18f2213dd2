import type { TokenGrant } from "./token-grant.js";

/**
 * A credential the REST and GraphQL APIs accept:
 * - `classic` (`ghp_`): OAuth scopes, every organization of its user;
 * - `fine-grained` (`github_pat_`): a `grant` (one resource owner, repositories, permissions), an expiry;
 * - `installation` (`ghs_`): a GitHub App installation's token, acting with the installing user's access
 *   narrowed to the installation's grant; it expires after an hour and shares the installation's window.
 */
export interface AccessTokenRecord {
  token: string;
  kind: "classic" | "fine-grained" | "installation";
  userId: number;
  /** Classic tokens only; the others answer without `X-OAuth-Scopes`. */
  scopes: string[];
  /** Fine-grained and installation tokens. */
  grant?: TokenGrant;
  /** Installation tokens: the installation they were made for (suspension applies to them). */
  installationId?: number;
  /** Wall-clock ms after which the token answers 401; null never expires. */
  expiresAtMs: number | null;
  revoked: boolean;
  /**
   * The budget the token draws on: unique per personal token, `installation:<id>` for every token of one
   * installation (GitHub counts an installation's tokens together).
   */
  rateLimitKey: string;
}

/** A classic personal access token of `userId` with `scopes`, never expiring. */
export function classicTokenRecord(token: string, userId: number, scopes: string[]): AccessTokenRecord {
  return {
    token,
    kind: "classic",
    userId,
    scopes: [...scopes].sort(),
    expiresAtMs: null,
    revoked: false,
    rateLimitKey: token,
  };
}

/** Whether the token is still good at `nowMs` (not revoked, not expired). */
export function tokenIsLive(token: AccessTokenRecord, nowMs: number): boolean {
  return !token.revoked && (token.expiresAtMs === null || nowMs < token.expiresAtMs);
}
