/**
 * Kind `issue` (spec §4.8): per repository `GET /repos/{o}/{r}/issues?state=&labels=`, page by page, +
 * `__repository`, `__organization`. GitHub's issues API also returns pull requests (with a `pull_request`
 * key); like Ocean, they are kept, so a mapping can tell them apart.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { acrossRepositories } from "./across-repositories.js";
import { type IssueSelector, issueSelectorSchema } from "./issue-selector.js";
import { withRepositoryFields } from "./repository-item-fields.js";

export function createIssueKind(context: GitHubContext): IntegrationKind<IssueSelector> {
  return {
    name: "issue",
    selectorSchema: issueSelectorSchema,
    // Incremental: GitHub filters by `since` (issues updated at or after it).
    incremental: true,
    async *list(request: KindListRequest<IssueSelector>): AsyncIterable<RawObject[]> {
      const { selector } = request;
      yield* acrossRepositories(
        context,
        {
          kind: "issue",
          mappingOptions: request.mappingOptions,
          repoSearch: selector.repoSearch,
          signal: request.signal,
        },
        async function* ({ client, account, repository, owner, name, scope }) {
          for await (const page of client.pages<RawObject>(
            "GET /repos/{owner}/{repo}/issues",
            {
              owner,
              repo: name,
              state: selector.state,
              labels: selector.labels === null ? undefined : selector.labels.join(","),
              since: request.since?.toISOString(),
            },
            { purpose: `listing issues of ${owner}/${name}`, ...scope },
          )) {
            yield page.map((issue) =>
              withRepositoryFields(issue, { repository, organization: account.login }),
            );
          }
        },
      );
    },
  };
}
