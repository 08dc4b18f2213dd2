/**
 * Kind `pull-request` (spec §4.7), REST path: per repository, every open pull request
 * (`GET /repos/{o}/{r}/pulls?state=open`, all pages), then the closed ones most recently updated first
 * (`state=closed&sort=updated&direction=desc`), kept while inside the selector's window and cap; paging
 * stops once the cap is reached or a page ends before the cutoff. Raw: the REST pull request +
 * `__repository`, `__organization`.
 *
 * GraphQL path (`api: graphql`): `repository.pullRequests` with Ocean's fields, open ones newest first by
 * creation, then closed and merged ones newest first by update inside the same window and cap, at a
 * page size that shrinks when GitHub times out and grows back. Raw: the normalized node +
 * `__repository`, `__repository_object`, `__organization`.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import { graphqlConnectionPages } from "../client/github-graphql.js";
import type { GitHubContext } from "../github-context.js";
import { acrossRepositories, type RepositoryTarget } from "./across-repositories.js";
import { cutOffBefore, NEWEST_UPDATED_FIRST } from "./incremental-cutoff.js";
import { normalizeGraphQLPullRequest } from "./normalize-graphql-pull-request.js";
import { pullRequestsQuery } from "./pull-request-graphql-query.js";
import {
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
    // Incremental (spec §6): open ones newest updated first down to the cursor; closed ones updated
    // since the cursor, without the cap or `closedSinceDate`.
    incremental: true,
    async *list(request: KindListRequest<PullRequestSelector>): AsyncIterable<RawObject[]> {
      const { selector } = request;
      const window: ClosedPullRequestWindow = request.since
        ? { field: "updated_at", cutoff: request.since, limit: null }
        : closedPullRequestWindow(selector, now());
      const { since } = request;
      yield* acrossRepositories(
        context,
        {
          kind: "pull-request",
          mappingOptions: request.mappingOptions,
          repoSearch: selector.repoSearch,
          signal: request.signal,
        },
        (target) =>
          selector.api === "graphql"
            ? listPullRequestsByGraphQL(target, selector, window, since)
            : listPullRequests(target, selector, window, since),
      );
    },
  };
}

async function* listPullRequests(
  target: RepositoryTarget,
  selector: PullRequestSelector,
  window: ClosedPullRequestWindow,
  since: Date | undefined,
): AsyncIterable<RawObject[]> {
  const { client, account, repository, owner, name, scope } = target;
  const fullName = `${owner}/${name}`;
  const fields = (items: RawObject[]) =>
    items.map((item) => withRepositoryFields(item, { repository, organization: account.login }));
  if (selector.states.includes("open")) {
    const open = client.pages<RawObject>(
      "GET /repos/{owner}/{repo}/pulls",
      { owner, repo: name, state: "open", ...(since ? NEWEST_UPDATED_FIRST : {}) },
      { purpose: `listing open pull requests of ${fullName}`, ...scope },
    );
    for await (const page of cutOffBefore(open, "updated_at", since)) yield fields(page);
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

async function* listPullRequestsByGraphQL(
  target: RepositoryTarget,
  selector: PullRequestSelector,
  window: ClosedPullRequestWindow,
  since: Date | undefined,
): AsyncIterable<RawObject[]> {
  const { client, account, repository, owner, name, scope } = target;
  const query = pullRequestsQuery(selector);
  const fields = (nodes: RawObject[]) =>
    nodes.map((node) =>
      withRepositoryFields(
        normalizeGraphQLPullRequest(node),
        { repository, organization: account.login },
        { repositoryObject: true },
      ),
    );
  const pages = (states: string[], orderField: string, purpose: string) =>
    graphqlConnectionPages<RawObject>(
      client,
      query,
      { owner, name, states, orderField },
      {
        purpose: `${purpose} of ${owner}/${name} (GraphQL)`,
        connectionPath: "repository.pullRequests",
        ...scope,
      },
    );
  if (selector.states.includes("open")) {
    const open = pages(["OPEN"], since ? "UPDATED_AT" : "CREATED_AT", "listing open pull requests");
    for await (const page of cutOffBefore(open, "updatedAt", since)) yield fields(page);
  }
  if (!selector.states.includes("closed")) return;
  let remaining = window.limit ?? Number.POSITIVE_INFINITY;
  const cutoff = window.cutoff.getTime();
  const field = window.field === "closed_at" ? "closedAt" : "updatedAt";
  const inside = (value: unknown) => typeof value === "string" && Date.parse(value) >= cutoff;
  for await (const page of pages(["CLOSED", "MERGED"], "UPDATED_AT", "listing closed pull requests")) {
    const kept = page.filter((pull) => inside(pull[field])).slice(0, remaining);
    remaining -= kept.length;
    if (kept.length > 0) yield fields(kept);
    if (remaining <= 0 || !inside(page[page.length - 1]?.updatedAt)) return;
  }
}
