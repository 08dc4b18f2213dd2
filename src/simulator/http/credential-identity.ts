import { createHash } from "node:crypto";
import type { AccessTokenRecord } from "../state/access-token.js";
import { ANONYMOUS_CREDENTIAL } from "./rate-limit-ledger.js";

/** Documented token prefixes (https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/). */
const KINDS: ReadonlyArray<readonly [prefix: string, kind: string]> = [
  ["github_pat_", "fine-grained"],
  ["ghp_", "classic"],
  ["gho_", "oauth"],
  ["ghu_", "app-user"],
  ["ghs_", "installation"],
];

/**
 * The budget a token draws on: its own, unless the state gave it a shared `rateLimitKey` (the
 * installation tokens of one GitHub App installation share one budget, as on GitHub).
 */
export function rateLimitKeyOf(token: AccessTokenRecord | null): string {
  return token ? token.rateLimitKey : ANONYMOUS_CREDENTIAL;
}

/**
 * How logs name a credential: its kind, user id and a short hash, never the secret itself, e.g.
 * `classic:user-42:1a2b3c4d`.
 */
export function credentialLabel(token: AccessTokenRecord | null): string {
  if (!token) return ANONYMOUS_CREDENTIAL;
  const kind = KINDS.find(([prefix]) => token.token.startsWith(prefix))?.[1] ?? "token";
  const fingerprint = createHash("sha256").update(token.token).digest("hex").slice(0, 8);
  return `${kind}:user-${token.userId}:${fingerprint}`;
}
