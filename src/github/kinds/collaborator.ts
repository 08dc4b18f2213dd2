/**
 * Kind `collaborator` (spec §4.18): `GET /repos/{o}/{r}/collaborators?affiliation=` of every repository
 * (items carry `permissions` and `role_name`), with `__repository` and `__organization`.
 */
import { z } from "zod";
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { repoSearchSchema } from "./repo-search.js";
import { fanOutRepositories } from "./repository-fan-out.js";

export const collaboratorAffiliations = ["all", "direct", "outside"] as const;

/** Ocean forbids unknown keys in this selector (spec §1.2), so a misspelt key fails the mapping here too. */
export const collaboratorSelectorSchema = z.strictObject({
  /** Ocean's own keys, evaluated by the engine; accepted here so the strict check does not reject them. */
  query: z.unknown().optional(),
  exportEnvVariables: z.unknown().optional(),
  repoSearch: repoSearchSchema,
  affiliation: z
    .enum(collaboratorAffiliations)
    .nullish()
    .transform((value) => value ?? "all"),
});

export type CollaboratorSelector = z.output<typeof collaboratorSelectorSchema>;

export function createCollaboratorKind(context: GitHubContext): IntegrationKind<CollaboratorSelector> {
  return {
    name: "collaborator",
    selectorSchema: collaboratorSelectorSchema,
    list(request: KindListRequest<CollaboratorSelector>): AsyncIterable<RawObject[]> {
      return fanOutRepositories(context, request, "collaborator", ({ authenticator, owner, name, scope }) =>
        authenticator.client.pages<RawObject>(
          "GET /repos/{owner}/{repo}/collaborators",
          { owner, repo: name, affiliation: request.selector.affiliation },
          { purpose: `listing collaborators of ${owner}/${name}`, ...scope },
        ),
      );
    },
  };
}
