/** A delivery's payload read with the fields a processor needs, or `GITHUB_INVALID_PAYLOAD` naming the missing one. */
import type { z } from "zod";
import { PortolanError } from "../../engine/errors/portolan-error.js";
import type { LiveEvent } from "../../engine/integration/integration.js";

export function parseDelivery<T>(schema: z.ZodType<T>, event: LiveEvent): T {
  const parsed = schema.safeParse(event.payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  throw new PortolanError(
    "GITHUB_INVALID_PAYLOAD",
    `The ${event.name} delivery lacks \`${path}\` (${issue?.message ?? "invalid"}), so it cannot be applied.`,
    {
      hint: `make sure the webhook sends JSON (content type application/json) from GitHub's ${event.name} events`,
      where: { source: `webhook delivery ${event.deliveryId}`, path },
    },
  );
}
