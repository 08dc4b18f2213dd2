/**
 * The repository kind's selector (spec §4.2). Ocean forbids unknown keys here (and in `includedRelations`),
 * so a typo is an error rather than a silently ignored option.
 */
import { z } from "zod";
import { repoSearchSchema } from "./repo-search.js";
import { repositoryPathsSchema } from "./repository-paths.js";

const legacyRelations = ["collaborators", "teams", "sbom"] as const;

const collaboratorsSchema = z
  .union([z.boolean(), z.strictObject({ affiliation: z.enum(["all", "direct", "outside"]).default("all") })])
  .nullish()
  .transform((value): { affiliation: "all" | "direct" | "outside" } | null => {
    if (value === true) return { affiliation: "all" };
    if (value === false || value === null || value === undefined) return null;
    return value;
  });

export const includedRelationsSchema = z.strictObject({
  collaborators: collaboratorsSchema,
  teams: z.boolean().default(false),
  sbom: z.boolean().default(false),
  customProperties: z.boolean().default(false),
  pages: z.boolean().default(false),
});

export type IncludedRelations = z.output<typeof includedRelationsSchema>;

export const repositorySelectorSchema = z
  .strictObject({
    /** Ocean's own keys, evaluated by the engine; accepted here so the strict check does not reject them. */
    query: z.unknown().optional(),
    exportEnvVariables: z.unknown().optional(),
    repoSearch: repoSearchSchema,
    /** Repository-root paths read from the default branch into `__includedFiles[path]` (text or null). */
    includedFiles: repositoryPathsSchema,
    /** Legacy form of `includedRelations`. */
    include: z
      .array(z.enum(legacyRelations))
      .nullish()
      .transform((value) => value ?? []),
    includedRelations: includedRelationsSchema.nullish().transform((value) => value ?? null),
  })
  .superRefine((selector, context) => {
    if (selector.include.length > 0 && selector.includedRelations !== null) {
      context.addIssue({
        code: "custom",
        path: ["include"],
        message: "use either `include` (legacy) or `includedRelations`, not both",
      });
    }
  });

export type RepositorySelector = z.output<typeof repositorySelectorSchema>;

/** `include` and `includedRelations` as one value: which relations to add to each repository. */
export function effectiveRelations(selector: RepositorySelector): IncludedRelations {
  if (selector.includedRelations !== null) return selector.includedRelations;
  return {
    collaborators: selector.include.includes("collaborators") ? { affiliation: "all" } : null,
    teams: selector.include.includes("teams"),
    sbom: selector.include.includes("sbom"),
    customProperties: false,
    pages: false,
  };
}
