import { setTimeout as delay } from "node:timers/promises";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parse } from "graphql";
import type { FaultRule } from "../faults/fault-rule.js";
import { injectFault, truncateAnswer } from "../faults/inject-fault.js";
import { githubGraphQLSchema } from "../graphql/github-graphql-schema.js";
import { graphqlCost } from "../graphql/graphql-cost.js";
import { credentialLabel, rateLimitKeyOf } from "./credential-identity.js";
import type { RateLimitBucket } from "./rate-limit-ledger.js";
import {
  sendGraphQLRateLimited,
  sendGraphQLTimeout,
  sendNodeLimitExceeded,
  sendPrimaryRateLimited,
  sendSecondaryRateLimited,
} from "./rate-limit-refusal.js";
import type { GitHubRouteConfig } from "./request-context.js";
import { type SecondaryApi, secondaryPoints } from "./secondary-rate-limiter.js";
import type { SimulatorTraffic } from "./simulator-traffic.js";

/** GitHub refuses queries that may return more nodes than this. */
export const MAX_GRAPHQL_NODES = 500_000;

/** What a GraphQL query's `rateLimit` field reports: the cost charged and the budget after it. */
export interface GraphQLRateLimitReport {
  cost: number;
  nodeCount: number;
  limit: number;
  used: number;
  remaining: number;
  resetAt: string;
}

/** What the traffic hooks know about one API request. */
export interface RequestTraffic {
  /** The budget's key (`rateLimitKey` or the token); never shown. */
  credential: string;
  /** How the request log names the credential. */
  label: string;
  bucket: RateLimitBucket;
  endpoint: string;
  /** Charged already (GraphQL, before running) or refused: nothing more to charge when answering. */
  settled: boolean;
  fault: FaultRule | undefined;
  graphql: GraphQLRateLimitReport | undefined;
  logged: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    traffic: RequestTraffic | null;
  }
}

/** The path as the github.com-style API sees it: no query, no `/api/v3` (or `/api` before `graphql`). */
export function apiPath(url: string): string {
  const path = url.split("?")[0] ?? url;
  return path.replace(/^\/api\/v3(?=\/|$)/, "").replace(/^\/api(?=\/graphql$)/, "") || "/";
}

function routeConfig(reply: FastifyReply): GitHubRouteConfig | undefined {
  return reply.routeOptions.config as GitHubRouteConfig | undefined;
}

function trafficOf(request: FastifyRequest, reply: FastifyReply): RequestTraffic {
  if (request.traffic) return request.traffic;
  const token = request.github?.token ?? null;
  const pattern = request.routeOptions.url;
  const bucket: RateLimitBucket =
    routeConfig(reply)?.rateLimitResource === "graphql"
      ? "graphql"
      : apiPath(request.url).startsWith("/search/")
        ? "search"
        : "core";
  // A GitHub App signing with its JWT draws on its own budget, not the anonymous one.
  const app = request.github?.app ?? null;
  request.traffic = {
    credential: app ? `app:${app.id}` : rateLimitKeyOf(token),
    label: app ? `app:${app.id}` : credentialLabel(token),
    bucket,
    endpoint: `${request.method} ${pattern ? pattern.replace(/:(\w+)/g, "{$1}") : "(unmatched)"}`,
    settled: false,
    fault: undefined,
    graphql: undefined,
    logged: false,
  };
  return request.traffic;
}

function record(traffic: SimulatorTraffic, request: RequestTraffic, status: string): void {
  if (request.logged) return;
  request.logged = true;
  traffic.log.record({
    endpoint: request.endpoint,
    credential: request.label,
    bucket: request.bucket,
    status,
    ...(request.fault ? { fault: request.fault.fault } : {}),
  });
}

interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** The query's cost, or the minimum for a body that is not a parsable query (the route answers that). */
async function costOf(body: unknown) {
  const { query, variables, operationName } = (body ?? {}) as GraphQLBody;
  if (typeof query !== "string") return { cost: 1, nodeCount: 0, isMutation: false };
  try {
    return graphqlCost(
      await githubGraphQLSchema(),
      parse(query),
      variables && typeof variables === "object" ? (variables as Record<string, unknown>) : undefined,
      typeof operationName === "string" ? operationName : undefined,
    );
  } catch {
    return { cost: 1, nodeCount: 0, isMutation: false };
  }
}

/**
 * Rate limits, faults and the request log on one API scope (installed after the shared GitHub hooks, so
 * authentication and the 304 decision come first): faults fire on matching requests; primary limits
 * refuse a spent budget (403 for REST, `RATE_LIMITED` for GraphQL) and are charged per answer (a 304 or
 * a refusal costs nothing; GraphQL by the query's point cost); secondary limits refuse bursts with
 * `retry-after`; every request lands in the log. `/_simulator` has no such scope.
 */
export function installTrafficHooks(scope: FastifyInstance, traffic: SimulatorTraffic): void {
  scope.addHook("onRequest", async (request, reply) => {
    const described = trafficOf(request, reply);
    const rule = traffic.faults.take(request.method, apiPath(request.url));
    if (!rule) return;
    described.fault = rule;
    // An injected failure costs no rate limit (set before injecting: sending runs onSend at once).
    described.settled = true;
    const finished = injectFault(rule, request, reply, traffic, request.github?.requestId ?? "");
    if (!finished) {
      // A late timeout or a truncated answer goes on, and is charged like any other answer.
      described.settled = false;
      return;
    }
    // Dropped and held requests never reach onResponse: they are logged by their fault.
    if (rule.fault === "reset" || rule.fault === "timeout") record(traffic, described, rule.fault);
    return reply;
  });

  scope.addHook("preHandler", async (request, reply) => {
    const described = trafficOf(request, reply);
    if (described.settled) return;
    if (await refuseOverLimits(request, reply, described)) return reply;
    // A late `timeout` fault: the request is in flight (and counts as such) while GitHub is slow.
    if (described.fault?.fault === "timeout" && described.fault.delayMs !== undefined) {
      await delay(described.fault.delayMs);
    }
  });

  /** Applies the primary and secondary limits; true when it answered the request instead of the route. */
  async function refuseOverLimits(
    request: FastifyRequest,
    reply: FastifyReply,
    described: RequestTraffic,
  ): Promise<boolean> {
    const caller = {
      userId: request.github?.token?.userId ?? null,
      requestId: request.github?.requestId ?? "",
    };
    const { settings, ledger } = traffic;
    if (described.bucket === "graphql") {
      const { cost, nodeCount, isMutation } = await costOf(request.body);
      // Charged (or refused) here, before running, so `rateLimit` can report the cost.
      described.settled = true;
      if (nodeCount > MAX_GRAPHQL_NODES) {
        sendNodeLimitExceeded(reply, nodeCount, MAX_GRAPHQL_NODES);
        return true;
      }
      if (ledger.exhausted(described.credential, "graphql", cost)) {
        sendGraphQLRateLimited(reply, caller);
        return true;
      }
      if (
        !admit(request, reply, described, "graphql", secondaryPoints("graphql", request.method, isMutation))
      ) {
        return true;
      }
      ledger.charge(described.credential, "graphql", cost);
      const usage = ledger.usage(described.credential, "graphql");
      described.graphql = { cost, nodeCount, ...usage, resetAt: new Date(usage.reset * 1000).toISOString() };
      if (settings.graphqlTimeoutCost !== null && cost > settings.graphqlTimeoutCost) {
        sendGraphQLTimeout(reply);
        return true;
      }
      return false;
    }
    const free = routeConfig(reply)?.countsAgainstRateLimit === false;
    if (!free && ledger.exhausted(described.credential, described.bucket)) {
      described.settled = true;
      sendPrimaryRateLimited(reply, caller);
      return true;
    }
    return !admit(request, reply, described, "rest", secondaryPoints("rest", request.method, false));
  }

  /** Takes the request into the secondary limits, or refuses it (then returns false). */
  function admit(
    request: FastifyRequest,
    reply: FastifyReply,
    described: RequestTraffic,
    api: SecondaryApi,
    points: number,
  ): boolean {
    const admitted = traffic.secondary.admit(described.credential, api, points);
    if (admitted) {
      reply.raw.once("close", admitted.release);
      return true;
    }
    described.settled = true;
    sendSecondaryRateLimited(reply, {
      status: 429,
      retryAfterSeconds: traffic.settings.secondaryRetryAfterSeconds,
      requestId: request.github?.requestId ?? "",
    });
    return false;
  }

  scope.addHook("onSend", async (request, reply, payload) => {
    const described = trafficOf(request, reply);
    const free = routeConfig(reply)?.countsAgainstRateLimit === false;
    if (!described.settled && !free && reply.statusCode !== 304) {
      traffic.ledger.charge(described.credential, described.bucket, 1);
    }
    const usage = traffic.ledger.usage(described.credential, described.bucket);
    reply.header("x-ratelimit-limit", String(usage.limit));
    reply.header("x-ratelimit-remaining", String(usage.remaining));
    reply.header("x-ratelimit-reset", String(usage.reset));
    reply.header("x-ratelimit-used", String(usage.used));
    reply.header("x-ratelimit-resource", described.bucket);
    if (described.fault?.fault === "truncated" && typeof payload === "string") {
      return truncateAnswer(request, reply, payload);
    }
    return payload;
  });

  scope.addHook("onResponse", async (request, reply) => {
    record(traffic, trafficOf(request, reply), String(reply.statusCode));
  });
}
