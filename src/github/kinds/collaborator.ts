/**
 * Kind `collaborator` (spec §4.18): `GET /repos/{o}/{r}/collaborators?affiliation=` of every repository
 * (items carry `permissions` and `role_name`), with `__repository` and `__organization`.
 */
import { z } from "zod";
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { acrossRepositories, withRepository } from "./across-repositories.js";
import { repoSearchSchema } from "./repo-search.js";

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
      return acrossRepositories(
        context,
        {
          kind: "collaborator",
          mappingOptions: request.mappingOptions,
          repoSearch: request.selector.repoSearch,
          signal: request.signal,
        },
        async function* (target) {
          for await (const page of target.client.pages<RawObject>(
            "GET /repos/{owner}/{repo}/collaborators",
            { owner: target.owner, repo: target.name, affiliation: request.selector.affiliation },
            { purpose: `listing collaborators of ${target.owner}/${target.name}`, ...target.scope },
          )) {
            yield page.map((item) => withRepository(item, target));
          }
        },
      );
    },
  };
}
