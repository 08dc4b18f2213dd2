import type { FastifyReply } from "fastify";
import { githubErrorBody } from "./github-error.js";

const PRIMARY_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
const SECONDARY_DOCS =
  "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
const GRAPHQL_LIMITS_DOCS =
  "https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api";

/** Who exhausted a budget, as GitHub names them in its message. */
export interface RefusedCaller {
  userId: number | null;
  requestId: string;
}

function primaryMessage(caller: RefusedCaller): string {
  const who = caller.userId === null ? "your IP address" : `user ID ${caller.userId}`;
  return `API rate limit exceeded for ${who}. If you reach out to GitHub Support for help, please include the request ID ${caller.requestId}.`;
}

/** REST primary limit: 403 with GitHub's message; the `x-ratelimit-*` headers then say `remaining: 0`. */
export function sendPrimaryRateLimited(reply: FastifyReply, caller: RefusedCaller): FastifyReply {
  return reply.code(403).send(githubErrorBody(403, primaryMessage(caller), PRIMARY_DOCS));
}

/**
 * GraphQL primary limit: GitHub answers 200 with a `RATE_LIMITED` error and no data (Octokit's throttling
 * plugin reads exactly this), with the `graphql` headers at `remaining: 0`.
 */
export function sendGraphQLRateLimited(reply: FastifyReply, caller: RefusedCaller): FastifyReply {
  return reply.code(200).send({
    errors: [{ type: "RATE_LIMITED", code: "graphql_rate_limit", message: primaryMessage(caller) }],
  });
}

/** Secondary limit: 403 (or 429) with `retry-after` and GitHub's "secondary rate limit" message. */
export function sendSecondaryRateLimited(
  reply: FastifyReply,
  options: { status: 403 | 429; retryAfterSeconds: number; requestId: string },
): FastifyReply {
  const message = `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${options.requestId}.`;
  return reply
    .code(options.status)
    .header("retry-after", String(options.retryAfterSeconds))
    .send(githubErrorBody(options.status, message, SECONDARY_DOCS));
}

/** A query over 500,000 possible nodes: refused before it runs (200 with `MAX_NODE_LIMIT_EXCEEDED`). */
export function sendNodeLimitExceeded(reply: FastifyReply, nodeCount: number, maximum: number): FastifyReply {
  const count = (value: number) => value.toLocaleString("en-US");
  return reply.code(200).send({
    errors: [
      {
        type: "MAX_NODE_LIMIT_EXCEEDED",
        message: `This query requests up to ${count(nodeCount)} possible nodes which exceeds the maximum limit of ${count(maximum)}.`,
      },
    ],
  });
}

/**
 * GitHub's answer when it gives up on a request after 10 seconds: a 502 saying it could not respond in
 * time (the points are charged all the same, since July 2025).
 */
export function sendGraphQLTimeout(reply: FastifyReply): FastifyReply {
  return reply.code(502).send({
    message:
      "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
    documentation_url: `${GRAPHQL_LIMITS_DOCS}#timeouts`,
  });
}
