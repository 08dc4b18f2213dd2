/** The environment kind's selector (spec §4.12): `includeVariables` adds `__variables` to each environment. */
import { z } from "zod";
import { repositoryScopedSelectorSchema } from "./repository-scoped-selector.js";

export const environmentSelectorSchema = repositoryScopedSelectorSchema.extend({
  includeVariables: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});

export type EnvironmentSelector = z.output<typeof environmentSelectorSchema>;
