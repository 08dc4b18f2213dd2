import type { FastifyInstance } from "fastify";
import type { Random } from "../random.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { entityTag, matchesIfNoneMatch } from "./entity-tag.js";
import { githubErrorBody } from "./github-error.js";
import { readToken } from "./read-token.js";
import type { GitHubRouteConfig } from "./request-context.js";

/** REST API versions the simulator answers to (`X-GitHub-Api-Version`); the first is the default. */
export const API_VERSIONS = ["2022-11-28", "2026-03-10"];
/** The GitHub Enterprise Server release the `/api/v3` scope reports (`X-GitHub-Enterprise-Version`). */
export const ENTERPRISE_VERSION = "3.17.0";

function requestId(random: Random): string {
  return [random.hex(4), random.hex(4), random.hex(6), random.hex(6), random.hex(8)].join(":").toUpperCase();
}

/**
 * The behaviour every REST response shares, installed on one API scope (github.com-style root or
 * `/api/v3`): token authentication (401 "Bad credentials"), `X-OAuth-Scopes` / `X-Accepted-OAuth-Scopes`,
 * the `core` rate-limit headers counted per token (a 304 costs nothing, as on GitHub), request ids,
 * the selected API version, and `ETag` / `If-None-Match` → 304 for GETs.
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
    };
    // An unknown route asked without credentials is simply not found; a presented token is checked first.
    if (request.is404 && request.headers.authorization === undefined) return;
    const presented = readToken(request.headers.authorization);
    const token = presented === null ? undefined : options.state.findToken(presented);
    const viewer = token ? options.state.findAccountById(token.userId) : undefined;
    if (!token || !viewer) {
      return reply.code(401).send(githubErrorBody(401, "Bad credentials", "https://docs.github.com/rest"));
    }
    request.github.token = token;
    request.github.viewer = viewer;
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
        context.token ? "private, max-age=60, s-maxage=60" : "public, max-age=60, s-maxage=60",
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
    if (context.token) {
      const accepted = routeConfig?.acceptedScopes ?? [];
      reply.header("x-oauth-scopes", context.token.scopes.join(", "));
      reply.header("x-accepted-oauth-scopes", accepted.join(", "));
    }
    return body;
  });
}
