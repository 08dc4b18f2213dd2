import type { z } from "zod";
import { problem } from "./webhook-route.js";

/**
 * Parses a route's query string with its strict schema; on failure, the 400 body that names the
 * parameter (an unknown one too: a typo like `limt` would otherwise be ignored silently).
 */
export function parseQuery<Schema extends z.ZodType>(
  schema: Schema,
  query: unknown,
  hint: string,
): { data: z.output<Schema> } | { problem: ReturnType<typeof problem> } {
  const result = schema.safeParse(query);
  if (result.success) return { data: result.data };
  const issue = result.error.issues[0];
  const message =
    issue?.code === "unrecognized_keys"
      ? `unknown query parameter ${issue.keys.map((key) => `"${key}"`).join(", ")}`
      : `${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"}`;
  return { problem: problem("API_INVALID_QUERY", message, hint) };
}
