import type { ApiUrls } from "../shapes/api-urls.js";
import type { AccessTokenRecord } from "../state/access-token.js";
import type { AccountRecord } from "../state/account.js";

/** What an API request carries once `authenticate` has run. */
export interface GitHubRequestContext {
  urls: ApiUrls;
  requestId: string;
  token: AccessTokenRecord | null;
  viewer: AccountRecord | null;
}

/** Per-route facts the shared hooks read (set with a route's `config`). */
export interface GitHubRouteConfig {
  /** Scopes listed in `X-Accepted-OAuth-Scopes`. */
  acceptedScopes?: string[];
  /** False for calls GitHub does not count, such as `GET /rate_limit`. */
  countsAgainstRateLimit?: boolean;
  /** The budget the call draws on: `core` (default) or `graphql`. */
  rateLimitResource?: "core" | "graphql";
}

declare module "fastify" {
  interface FastifyRequest {
    github: GitHubRequestContext | null;
  }
}

/** The context of an authenticated request (routes only run after authentication succeeded). */
export function requireContext(context: GitHubRequestContext | null): GitHubRequestContext & {
  token: AccessTokenRecord;
  viewer: AccountRecord;
} {
  if (!context?.token || !context.viewer) throw new Error("route reached without an authenticated context");
  return context as GitHubRequestContext & { token: AccessTokenRecord; viewer: AccountRecord };
}
