import { z } from "zod";

/** The failures a rule can inject. */
export const FAULT_KINDS = ["5xx", "timeout", "reset", "secondary-rate-limit", "truncated"] as const;

/**
 * A fault rule as tests write it (`POST /_simulator/faults`, `startSimulator({ faults })`): which requests
 * (`pathPattern`, `method`), how often (`count` times, or with `probability` drawn from the simulator's
 * seeded random, or both; neither means every time) and what happens (`fault`, with `status` for `5xx`
 * and `secondary-rate-limit`, and `delayMs` for a `timeout` that answers late instead of never).
 */
export const FaultRuleInputSchema = z
  .strictObject({
    pathPattern: z.string().min(1),
    method: z
      .string()
      .regex(/^[A-Za-z]+$/)
      .transform((method) => method.toUpperCase())
      .optional(),
    count: z.number().int().positive().optional(),
    probability: z.number().min(0).max(1).optional(),
    fault: z.enum(FAULT_KINDS),
    status: z.number().int().min(400).max(599).optional(),
    delayMs: z.number().int().positive().optional(),
  })
  .refine(
    (rule) => rule.status === undefined || rule.fault === "5xx" || rule.fault === "secondary-rate-limit",
    {
      message: "status applies to 5xx and secondary-rate-limit faults only",
      path: ["status"],
    },
  )
  .refine((rule) => rule.fault !== "5xx" || rule.status === undefined || rule.status >= 500, {
    message: "a 5xx fault needs a status from 500 to 599",
    path: ["status"],
  })
  .refine(
    (rule) =>
      rule.fault !== "secondary-rate-limit" || rule.status === undefined || [403, 429].includes(rule.status),
    { message: "GitHub answers a secondary rate limit with 403 or 429", path: ["status"] },
  )
  .refine((rule) => rule.delayMs === undefined || rule.fault === "timeout", {
    message: "delayMs applies to timeout faults only",
    path: ["delayMs"],
  })
  .refine(
    (rule) => {
      try {
        if (rule.pathPattern.startsWith("^")) new RegExp(rule.pathPattern);
        return true;
      } catch {
        return false;
      }
    },
    { message: "a pathPattern starting with ^ must be a valid regular expression", path: ["pathPattern"] },
  );

export type FaultRuleInput = z.input<typeof FaultRuleInputSchema>;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A stored rule: its input, an id to delete it by, and how often it fired so far. */
export type FaultRule = z.output<typeof FaultRuleInputSchema> & { id: number; fired: number };
