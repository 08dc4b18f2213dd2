/**
 * Kind `tag` (spec §4.10): per repository `GET /repos/{o}/{r}/tags` (`name`, `commit {sha, url}`,
 * `zipball_url`, `tarball_url`, `node_id`) + `__repository`, `__repository_object`, `__organization`.
 * Live events read one tag as a git ref instead; `tagFromGitRef` gives it the same `name` and `commit.sha`.
 */
import { z } from "zod";
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { acrossRepositories } from "./across-repositories.js";
import { repoSearchSchema } from "./repo-search.js";
import { withRepositoryFields } from "./repository-item-fields.js";

/** Only `repoSearch`; unknown keys are ignored, as Ocean does for this kind. */
export const tagSelectorSchema = z.object({ repoSearch: repoSearchSchema });

export type TagSelector = z.output<typeof tagSelectorSchema>;

export function createTagKind(context: GitHubContext): IntegrationKind<TagSelector> {
  return {
    name: "tag",
    selectorSchema: tagSelectorSchema,
    async *list(request: KindListRequest<TagSelector>): AsyncIterable<RawObject[]> {
      yield* acrossRepositories(
        context,
        {
          kind: "tag",
          mappingOptions: request.mappingOptions,
          repoSearch: request.selector.repoSearch,
          signal: request.signal,
        },
        async function* ({ client, account, repository, owner, name, scope }) {
          for await (const page of client.pages<RawObject>(
            "GET /repos/{owner}/{repo}/tags",
            { owner, repo: name },
            { purpose: `listing tags of ${owner}/${name}`, ...scope },
          )) {
            yield page.map((tag) =>
              withRepositoryFields(
                tag,
                { repository, organization: account.login },
                { repositoryObject: true },
              ),
            );
          }
        },
      );
    },
  };
}

/** A `git-ref` of `refs/tags/{name}` with `name` and `commit` (= the ref's `object`), as Ocean shapes it. */
export function tagFromGitRef(ref: RawObject, name: string): RawObject {
  return { ...ref, name, commit: ref.object };
}
