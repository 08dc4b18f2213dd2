/**
 * Kind `organization` (spec §4.1): the accounts of §1.4, raw as GitHub returns them. Note the shape differs
 * by path: `/user/orgs` items carry `hooks_url`, `issues_url`, `description`…; `/users/{login}` objects
 * (with `githubOrganization`) carry `html_url`, `name`, `type` and counts instead.
 */
import { z } from "zod";
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { repoSearchSchema } from "./repo-search.js";
import { acrossAuthenticators, resolveOrganizations } from "./resolve-organizations.js";

/** Ocean accepts `repoSearch` here and does nothing with it; other unknown keys are ignored. */
export const organizationSelectorSchema = z.object({
  repoSearch: repoSearchSchema,
});

export type OrganizationSelector = z.output<typeof organizationSelectorSchema>;

export function createOrganizationKind(context: GitHubContext): IntegrationKind<OrganizationSelector> {
  return {
    name: "organization",
    selectorSchema: organizationSelectorSchema,
    async *list(request: KindListRequest<OrganizationSelector>): AsyncIterable<RawObject[]> {
      const options = parseGitHubMappingOptions(request.mappingOptions);
      const scope = { signal: request.signal, traffic: "resync" } as const;
      yield* acrossAuthenticators(context, scope, (authenticator) =>
        resolveOrganizations(context, authenticator, options, scope),
      );
    },
  };
}
