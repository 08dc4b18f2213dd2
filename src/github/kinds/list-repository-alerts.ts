/**
 * The listing the three alert kinds share (spec §4.15–4.17): one alert endpoint per repository of the
 * fan-out, a repository without the feature having none, each alert with `__repository` and
 * `__organization`. An incremental listing asks for the newest updated first and stops at the cursor.
 */
import type { KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { acrossRepositories, withRepository } from "./across-repositories.js";
import { alertPages } from "./alert-feature-disabled.js";
import { cutOffBefore, NEWEST_UPDATED_FIRST } from "./incremental-cutoff.js";
import type { RepoSearch } from "./repo-search.js";

export interface RepositoryAlertListing {
  kind: string;
  /** The REST route of one repository's alerts. */
  route: string;
  /** What is listed, as the requests' purpose names it: "Dependabot alerts". */
  what: string;
  /** The selector's filters as query parameters. */
  params: Record<string, string | boolean>;
  incremental: boolean;
}

export function listRepositoryAlerts(
  context: GitHubContext,
  request: KindListRequest<{ repoSearch: RepoSearch }>,
  listing: RepositoryAlertListing,
): AsyncIterable<RawObject[]> {
  return acrossRepositories(
    context,
    {
      kind: listing.kind,
      mappingOptions: request.mappingOptions,
      repoSearch: request.selector.repoSearch,
      signal: request.signal,
    },
    async function* (target) {
      const since = listing.incremental ? request.since : undefined;
      const pages = alertPages(
        target.client.pages<RawObject>(
          listing.route,
          {
            owner: target.owner,
            repo: target.name,
            ...listing.params,
            ...(since ? NEWEST_UPDATED_FIRST : {}),
          },
          { purpose: `listing ${listing.what} of ${target.owner}/${target.name}`, ...target.scope },
        ),
      );
      for await (const page of cutOffBefore(pages, "updated_at", since)) {
        yield page.map((item) => withRepository(item, target));
      }
    },
  );
}
