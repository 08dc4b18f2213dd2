/**
 * Kind `pull-request` (spec §4.7), REST path: per repository, every open pull request
 * (`GET /repos/{o}/{r}/pulls?state=open`, all pages), then the closed ones most recently updated first
 * (`state=closed&sort=updated&direction=desc`), kept while inside the selector's window and cap; paging
 * stops once the cap is reached or a page ends before the cutoff. Raw: the REST pull request +
 * `__repository`, `__organization`.
 *
 * `api: graphql` is parsed but not served yet: listing with it fails with `GITHUB_SELECTOR_UNSUPPORTED`.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { acrossRepositories, type RepositoryTarget } from "./across-repositories.js";
import {
  assertServedApi,
  type ClosedPullRequestWindow,
  closedPullRequestWindow,
  type PullRequestSelector,
  pullRequestSelectorSchema,
} from "./pull-request-selector.js";
import { withRepositoryFields } from "./repository-item-fields.js";

export interface PullRequestKindOptions {
  /** The clock `since` counts back from (tests pin it to the simulator's epoch). */
  now?: () => number;
}

export function createPullRequestKind(
  context: GitHubContext,
  options: PullRequestKindOptions = {},
): IntegrationKind<PullRequestSelector> {
  const now = options.now ?? Date.now;
  return {
    name: "pull-request",
    selectorSchema: pullRequestSelectorSchema,
    async *list(request: KindListRequest<PullRequestSelector>): AsyncIterable<RawObject[]> {
      const { selector } = request;
      assertServedApi(selector);
      const window = closedPullRequestWindow(selector, now());
      yield* acrossRepositories(
        context,
        {
          kind: "pull-request",
          mappingOptions: request.mappingOptions,
          repoSearch: selector.repoSearch,
          signal: request.signal,
        },
        (target) => listPullRequests(target, selector, window),
      );
    },
  };
}

async function* listPullRequests(
  target: RepositoryTarget,
  selector: PullRequestSelector,
  window: ClosedPullRequestWindow,
): AsyncIterable<RawObject[]> {
  const { client, account, repository, owner, name, scope } = target;
  const fullName = `${owner}/${name}`;
  const fields = (items: RawObject[]) =>
    items.map((item) => withRepositoryFields(item, { repository, organization: account.login }));
  if (selector.states.includes("open")) {
    for await (const page of client.pages<RawObject>(
      "GET /repos/{owner}/{repo}/pulls",
      { owner, repo: name, state: "open" },
      { purpose: `listing open pull requests of ${fullName}`, ...scope },
    )) {
      yield fields(page);
    }
  }
  if (!selector.states.includes("closed")) return;
  let remaining = window.limit ?? Number.POSITIVE_INFINITY;
  const cutoff = window.cutoff.getTime();
  const inside = (value: unknown) => typeof value === "string" && Date.parse(value) >= cutoff;
  for await (const page of client.pages<RawObject>(
    "GET /repos/{owner}/{repo}/pulls",
    { owner, repo: name, state: "closed", sort: "updated", direction: "desc" },
    { purpose: `listing closed pull requests of ${fullName}`, ...scope },
  )) {
    const kept = page.filter((pull) => inside(pull[window.field])).slice(0, remaining);
    remaining -= kept.length;
    if (kept.length > 0) yield fields(kept);
    // Sorted by `updated_at` descending, and `closed_at` ≤ `updated_at`: nothing later can qualify.
    if (remaining <= 0 || !inside(page[page.length - 1]?.updated_at)) return;
  }
}
