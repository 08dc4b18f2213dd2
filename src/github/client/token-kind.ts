/**
 * What kind of credential a token is, told from its documented prefix
 * (https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/).
 */
export type TokenKind =
  /** `ghp_…`: classic personal access token; scopes are reported in `X-OAuth-Scopes`. */
  | "classic"
  /** `github_pat_…`: fine-grained personal access token; bound to one resource owner, no scopes header. */
  | "fine-grained"
  /** `gho_…`: OAuth App user token (scoped like a classic token). */
  | "oauth"
  /** `ghu_…`: GitHub App user-to-server token. */
  | "app-user"
  /** `ghs_…`: GitHub App installation token. */
  | "installation"
  /** A GitHub App acting as itself (JWT), for `/app/…` requests only. */
  | "app"
  /** No known prefix, e.g. a 40-hex token of an older GitHub Enterprise Server (behaves as classic). */
  | "unknown";

export function detectTokenKind(token: string): TokenKind {
  if (token.startsWith("github_pat_")) return "fine-grained";
  if (token.startsWith("ghp_")) return "classic";
  if (token.startsWith("gho_")) return "oauth";
  if (token.startsWith("ghu_")) return "app-user";
  if (token.startsWith("ghs_") || token.startsWith("v1.")) return "installation";
  return "unknown";
}

/**
 * Whether the token lists every organization its user belongs to (`GET /user/orgs`): classic-style tokens
 * do; a fine-grained token belongs to one resource owner and an installation token to one installation.
 */
export function tokenListsAllOrganizations(kind: TokenKind): boolean {
  return kind === "classic" || kind === "oauth" || kind === "unknown";
}
