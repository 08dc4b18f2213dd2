import type { ApiUrls } from "../shapes/api-urls.js";
import type { AccessTokenRecord } from "../state/access-token.js";
import type { AccountRecord } from "../state/account.js";
import type { GitHubAppRecord } from "../state/github-app.js";
import type { RequiredPermission } from "../state/token-grant.js";

/** What an API request carries once `authenticate` has run. */
export interface GitHubRequestContext {
  urls: ApiUrls;
  requestId: string;
  token: AccessTokenRecord | null;
  viewer: AccountRecord | null;
  /** The GitHub App a JWT authenticated (routes with `authentication: "app-jwt"`). */
  app: GitHubAppRecord | null;
}

/** Per-route facts the shared hooks read (set with a route's `config`). */
export interface GitHubRouteConfig {
  /** Scopes listed in `X-Accepted-OAuth-Scopes`. */
  acceptedScopes?: readonly string[];
  /** False for calls GitHub does not count, such as `GET /rate_limit`. */
  countsAgainstRateLimit?: boolean;
  /** The budget the call draws on: `core` (default) or `graphql`. */
  rateLimitResource?: "core" | "graphql";
  /**
   * The fine-grained permission the route needs (one declaration per route): a fine-grained PAT or an
   * installation token without it gets GitHub's 403, and `X-Accepted-GitHub-Permissions` names it.
   */
  permission?: RequiredPermission;
  /** The authenticated user's own resources (`/user…`): an installation token has no user (403). */
  userOnly?: boolean;
  /** `app-jwt`: the route authenticates the GitHub App itself by its JWT, not a token. */
  authentication?: "app-jwt";
  /** The endpoint's documentation page, sent in the 403 of a missing permission. */
  documentationUrl?: string;
}

declare module "fastify" {
  interface FastifyRequest {
    github: GitHubRequestContext | null;
  }
  /** Routes' `config` is type-checked, so a misspelt permission or scope list fails to compile. */
  interface FastifyContextConfig extends GitHubRouteConfig {}
}

/** Where a request's answers point (known for every request, authenticated or not). */
export function requestUrls(context: GitHubRequestContext | null): ApiUrls {
  if (!context) throw new Error("route reached without a request context");
  return context.urls;
}

/** The App of a request that authenticated with a JWT (routes with `authentication: "app-jwt"`). */
export function requireApp(context: GitHubRequestContext | null): GitHubAppRecord {
  if (!context?.app) throw new Error("app route reached without an authenticated App");
  return context.app;
}

/** The context of an authenticated request (routes only run after authentication succeeded). */
export function requireContext(context: GitHubRequestContext | null): GitHubRequestContext & {
  token: AccessTokenRecord;
  viewer: AccountRecord;
} {
  if (!context?.token || !context.viewer) throw new Error("route reached without an authenticated context");
  return context as GitHubRequestContext & { token: AccessTokenRecord; viewer: AccountRecord };
}
