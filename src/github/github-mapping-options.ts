/**
 * The mapping's top-level keys the GitHub integration reads (spec §1.2), parsed once per use.
 */
import { z } from "zod";
import { PortolanError } from "../engine/errors/portolan-error.js";
import type { MappingOptions } from "../engine/integration/integration.js";

export const repositoryTypes = ["all", "public", "private"] as const;
export type RepositoryType = (typeof repositoryTypes)[number];

export const githubMappingOptionsSchema = z.object({
  /** Only for a classic token without `githubOrganization`: the organizations to sync (all when empty). */
  organizations: z
    .array(z.string().trim().min(1))
    .nullish()
    .transform((value) => value ?? []),
  /** Only for a classic token without `githubOrganization`: also sync the token owner's personal account. */
  includeAuthenticatedUser: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  /** `type=` of the repository listing; live events compare a repository's visibility with it. */
  repositoryType: z
    .enum(repositoryTypes)
    .nullish()
    .transform((value) => value ?? "all"),
});

export type GitHubMappingOptions = z.output<typeof githubMappingOptionsSchema>;

export function parseGitHubMappingOptions(options: MappingOptions): GitHubMappingOptions {
  const result = githubMappingOptionsSchema.safeParse({
    organizations: options.organizations,
    includeAuthenticatedUser: options.includeAuthenticatedUser,
    repositoryType: options.repositoryType,
  });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  const hints: Record<string, string> = {
    organizations: "give a list of organization logins, e.g. organizations: [my-org, other-org]",
    includeAuthenticatedUser: "use true or false",
    repositoryType: "use one of all, public, private",
  };
  throw new PortolanError(
    "GITHUB_MAPPING_INVALID",
    `The mapping's \`${path}\` is invalid: ${issue?.message ?? "unexpected value"}.`,
    {
      hint: hints[String(issue?.path[0])] ?? "check the mapping's top-level keys",
      where: { source: "mapping", path },
    },
  );
}
