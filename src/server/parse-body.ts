import type { z } from "zod";
import { problem } from "./webhook-route.js";

/** Parses a route's JSON body with its schema; on failure, the 400 body naming the field at fault. */
export function parseBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  hint: string,
): { data: z.output<Schema> } | { problem: ReturnType<typeof problem> } {
  const result = schema.safeParse(body);
  if (result.success) return { data: result.data };
  const issue = result.error.issues[0];
  const message = `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`;
  return { problem: problem("API_INVALID_BODY", message, hint) };
}
