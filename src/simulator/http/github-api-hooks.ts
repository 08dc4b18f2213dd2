import type { FastifyInstance } from "fastify";
import type { Random } from "../random.js";
import { tokenIsLive } from "../state/access-token.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { entityTag, matchesIfNoneMatch } from "./entity-tag.js";
import { notAccessibleMessage, sendIfMissingPermission } from "./fine-grained-permission.js";
import { githubErrorBody, REST_DOCS } from "./github-error.js";
import { readToken } from "./read-token.js";
import type { GitHubRouteConfig } from "./request-context.js";
import { JWT_NOT_DECODED, looksLikeJwt, verifyAppJwt } from "./verify-app-jwt.js";

/** REST API versions the simulator answers to (`X-GitHub-Api-Version`); the first is the default. */
export const API_VERSIONS = ["2022-11-28", "2026-03-10"];
/** The GitHub Enterprise Server release the `/api/v3` scope reports (`X-GitHub-Enterprise-Version`). */
export const ENTERPRISE_VERSION = "3.17.0";

/** GitHub's 403 for an installation (or its tokens) while it is suspended. */
export const INSTALLATION_SUSPENDED = "This installation has been suspended";

function requestId(random: Random): string {
  return [random.hex(4), random.hex(4), random.hex(6), random.hex(6), random.hex(8)].join(":").toUpperCase();
}

/**
 * The behaviour every REST response shares, installed on one API scope (github.com-style root or
 * `/api/v3`): token authentication (401 "Bad credentials" for unknown, expired or revoked tokens; 403 for
 * the tokens of a suspended installation), the App's JWT on `app-jwt` routes, the fine-grained
 * permission a route declares (403 "Resource not accessible by …"), classic tokens' `X-OAuth-Scopes` /
 * `X-Accepted-OAuth-Scopes` or fine-grained actors' `X-Accepted-GitHub-Permissions`, request ids, the
 * selected API version, and `ETag` / `If-None-Match` → 304 for GETs. Rate limits: `traffic-hooks.ts`.
 */
export function installGitHubApiHooks(
  scope: FastifyInstance,
  options: { state: SimulatorState; random: Random; rootUrl: () => string; apiPrefix: string },
): void {
  scope.addHook("onRequest", async (request, reply) => {
    const root = options.rootUrl();
    request.github = {
      urls: { api: `${root}${options.apiPrefix}`, web: root },
      requestId: requestId(options.random),
      token: null,
      viewer: null,
      app: null,
    };
    // An unknown route asked without credentials is simply not found; a presented token is checked first.
    if (request.is404 && request.headers.authorization === undefined) return;
    const presented = readToken(request.headers.authorization);
    const routeConfig = request.routeOptions.config as GitHubRouteConfig | undefined;
    if (routeConfig?.authentication === "app-jwt") {
      const verdict =
        presented !== null && looksLikeJwt(presented)
          ? verifyAppJwt(presented, (issuer) => options.state.apps.findByIssuer(issuer))
          : { error: JWT_NOT_DECODED };
      if ("error" in verdict) return reply.code(401).send(githubErrorBody(401, verdict.error, REST_DOCS));
      request.github.app = verdict.app;
      return;
    }
    const token = presented === null ? undefined : options.state.findToken(presented);
    const viewer = token ? options.state.findAccountById(token.userId) : undefined;
    if (!token || !viewer || !tokenIsLive(token, Date.now())) {
      return reply.code(401).send(githubErrorBody(401, "Bad credentials", REST_DOCS));
    }
    const installation =
      token.installationId === undefined
        ? undefined
        : options.state.apps.getInstallation(token.installationId);
    if (installation?.suspendedAt) {
      return reply.code(403).send(githubErrorBody(403, INSTALLATION_SUSPENDED, REST_DOCS));
    }
    request.github.token = token;
    request.github.viewer = viewer;
    if (routeConfig?.userOnly && token.kind === "installation") {
      return reply.code(403).send(githubErrorBody(403, notAccessibleMessage(token), REST_DOCS));
    }
    if (sendIfMissingPermission(reply, token, routeConfig?.permission, routeConfig?.documentationUrl)) {
      return reply;
    }
  });

  scope.addHook("onSend", async (request, reply, payload) => {
    const context = request.github;
    if (!context) return payload;
    const version = request.headers["x-github-api-version"];
    reply.header(
      "x-github-api-version-selected",
      typeof version === "string" && API_VERSIONS.includes(version) ? version : API_VERSIONS[0],
    );
    reply.header("x-github-media-type", "github.v3; format=json");
    if (options.apiPrefix !== "") reply.header("x-github-enterprise-version", ENTERPRISE_VERSION);
    reply.header("x-github-request-id", context.requestId);
    let body = payload;
    if (request.method === "GET" && reply.statusCode === 200 && typeof payload === "string") {
      const tag = entityTag(payload);
      reply.header("etag", tag);
      reply.header(
        "cache-control",
        context.token || context.app ? "private, max-age=60, s-maxage=60" : "public, max-age=60, s-maxage=60",
      );
      reply.header("vary", "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding");
      if (matchesIfNoneMatch(request.headers["if-none-match"], tag)) {
        reply.code(304);
        reply.removeHeader("content-type");
        reply.removeHeader("content-length");
        body = "";
      }
    }
    const routeConfig = reply.routeOptions.config as GitHubRouteConfig | undefined;
    if (context.token?.kind === "classic") {
      const accepted = routeConfig?.acceptedScopes ?? [];
      reply.header("x-oauth-scopes", context.token.scopes.join(", "));
      reply.header("x-accepted-oauth-scopes", accepted.join(", "));
    } else if (
      context.token &&
      routeConfig?.permission &&
      !reply.hasHeader("x-accepted-github-permissions")
    ) {
      reply.header("x-accepted-github-permissions", routeConfig.permission);
    }
    return body;
  });
}
