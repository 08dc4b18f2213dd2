import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { githubErrorBody } from "../http/github-error.js";
import { sendSecondaryRateLimited } from "../http/rate-limit-refusal.js";
import type { SimulatorTraffic } from "../http/simulator-traffic.js";
import type { FaultRule } from "./fault-rule.js";

/**
 * Carries out a fault before the route runs. Returns true when the request is finished with (answered,
 * dropped or held); false when it goes on: a late `timeout` answers normally after its delay, and a
 * `truncated` answer is cut when it is sent (`truncateAnswer`).
 */
export function injectFault(
  rule: FaultRule,
  request: FastifyRequest,
  reply: FastifyReply,
  traffic: SimulatorTraffic,
  requestId: string,
): boolean {
  switch (rule.fault) {
    case "5xx": {
      const status = rule.status ?? 502;
      reply.code(status).send(githubErrorBody(status, "Server Error"));
      return true;
    }
    case "secondary-rate-limit":
      sendSecondaryRateLimited(reply, {
        status: rule.status === 429 ? 429 : 403,
        retryAfterSeconds: traffic.settings.secondaryRetryAfterSeconds,
        requestId,
      });
      return true;
    case "reset":
      reply.hijack();
      request.raw.socket.destroy();
      return true;
    case "timeout": {
      // A late answer is delayed once the request is admitted (see the traffic hooks' preHandler).
      if (rule.delayMs !== undefined) return false;
      // Never answered: the client gives up on its own, or the simulator drops it when it closes.
      reply.hijack();
      const socket = request.raw.socket;
      traffic.held.add(socket);
      socket.once("close", () => traffic.held.delete(socket));
      return true;
    }
    case "truncated":
      return false;
  }
}

/**
 * A `truncated` fault: announce the whole answer's length, send half of it, then drop the connection, as
 * when a connection breaks mid-body. (A stream, since Fastify corrects the length of a string payload.)
 */
export function truncateAnswer(request: FastifyRequest, reply: FastifyReply, payload: string): Readable {
  const bytes = Buffer.from(payload, "utf8");
  reply.header("content-length", String(bytes.length));
  reply.raw.once("finish", () => request.raw.socket.destroy());
  return Readable.from([bytes.subarray(0, Math.floor(bytes.length / 2))]);
}
