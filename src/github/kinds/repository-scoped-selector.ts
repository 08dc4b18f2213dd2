/**
 * The selector keys every repository-scoped kind shares: Ocean's own (`query`, `exportEnvVariables`,
 * evaluated by the engine) and `repoSearch`. Unknown keys are ignored here, as Ocean ignores them for
 * these kinds (spec §1.2: only repository, folder, file and collaborator selectors forbid them).
 */
import { z } from "zod";
import { repoSearchSchema } from "./repo-search.js";

export const repositoryScopedSelectorSchema = z.object({
  query: z.unknown().optional(),
  exportEnvVariables: z.unknown().optional(),
  repoSearch: repoSearchSchema,
});

export type RepositoryScopedSelector = z.output<typeof repositoryScopedSelectorSchema>;
