import type { FastifyReply } from "fastify";
import type { z } from "zod";

/** Port's error body: `{ok: false, error, message}`, `error` a short snake_case word. */
export function portError(reply: FastifyReply, status: number, error: string, message: string) {
  return reply.code(status).send({ ok: false, error, message });
}

/** Parses a body or query with its schema; on failure answers Port's 422 naming the first problem. */
export function parseOrRefuse<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  reply: FastifyReply,
  what: string,
): z.output<Schema> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join(".");
  portError(
    reply,
    422,
    "invalid_request",
    `${what}${path ? ` ${path}` : ""}: ${issue?.message ?? "invalid"}`,
  );
  return undefined;
}
