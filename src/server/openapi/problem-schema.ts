import { z } from "zod";

/**
 * The body of every error of Portolan's API (what `problem()` builds): a stable code, what is
 * wrong and, usually, how to fix it. `codes` narrows the code to those the status can carry.
 */
export function problemSchema(
  codes: readonly string[] | undefined,
  errorFields: z.ZodRawShape = {},
  besideError: z.ZodRawShape = {},
) {
  const code = codes && codes.length > 0 ? z.enum(codes as [string, ...string[]]) : z.string();
  return z
    .object({
      error: z.object({
        code: code.describe("stable; listed with what to do about it in docs/errors.md"),
        message: z.string().describe("what is wrong, and where"),
        hint: z.string().optional().describe("how to fix it"),
        ...errorFields,
      }),
      ...besideError,
    })
    .meta({ title: "Problem" });
}
