/** Kind `release` (spec §4.9): per repository `GET /repos/{o}/{r}/releases` + `__repository`, `__organization`. */
import { z } from "zod";
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { acrossRepositories } from "./across-repositories.js";
import { cutOffBefore } from "./incremental-cutoff.js";
import { repoSearchSchema } from "./repo-search.js";
import { withRepositoryFields } from "./repository-item-fields.js";

/** Only `repoSearch`; unknown keys are ignored, as Ocean does for this kind. */
export const releaseSelectorSchema = z.object({ repoSearch: repoSearchSchema });

export type ReleaseSelector = z.output<typeof releaseSelectorSchema>;

export function createReleaseKind(context: GitHubContext): IntegrationKind<ReleaseSelector> {
  return {
    name: "release",
    selectorSchema: releaseSelectorSchema,
    // Incremental: releases come newest first, so a cutoff on `created_at` ends the listing early.
    incremental: true,
    async *list(request: KindListRequest<ReleaseSelector>): AsyncIterable<RawObject[]> {
      yield* acrossRepositories(
        context,
        {
          kind: "release",
          mappingOptions: request.mappingOptions,
          repoSearch: request.selector.repoSearch,
          signal: request.signal,
        },
        async function* ({ client, account, repository, owner, name, scope }) {
          const pages = client.pages<RawObject>(
            "GET /repos/{owner}/{repo}/releases",
            { owner, repo: name },
            { purpose: `listing releases of ${owner}/${name}`, ...scope },
          );
          for await (const page of cutOffBefore(pages, "created_at", request.since)) {
            yield page.map((release) =>
              withRepositoryFields(release, { repository, organization: account.login }),
            );
          }
        },
      );
    },
  };
}
