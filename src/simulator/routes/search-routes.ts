import type { components } from "@octokit/openapi-types";
import type { FastifyInstance } from "fastify";
import { sendValidationFailed } from "../http/github-error.js";
import { pagedReply } from "../http/paged-reply.js";
import { canSeeRepository, repositoryViewer } from "../http/repository-access.js";
import { matchesRepositorySearch, parseRepositorySearchQuery } from "../http/repository-search-query.js";
import { requireContext } from "../http/request-context.js";
import { renderMinimalRepository } from "../shapes/render-repository.js";
import type { SimulatorContext } from "../simulator-context.js";

type RepoSearchResultItem = components["schemas"]["repo-search-result-item"];

const DOCS = "https://docs.github.com/rest/search/search#search-repositories";
/** GitHub serves at most the first 1,000 results of a search. */
const MAX_RESULTS = 1000;

/**
 * `GET /search/repositories`: `q` with `org:`/`user:`, `fork:`, `archived:`, `is:public|private|internal`,
 * `in:name|description|topics` and free-text terms, over the repositories the token may see; `sort`
 * `updated` or best match (here: by id), `per_page`/`page` with `Link`, `total_count`,
 * `incomplete_results`. It draws on the `search` budget (30 a minute; `traffic-hooks.ts` counts it).
 */
export function registerSearchRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  app.get<{ Querystring: { q?: string; sort?: string; order?: string } }>(
    "/search/repositories",
    { config: { permission: "metadata=read", documentationUrl: DOCS } },
    async (request, reply) => {
      const { viewer, token, urls } = requireContext(request.github);
      const q = request.query.q ?? "";
      if (q.trim() === "") {
        return sendValidationFailed(reply, DOCS, [{ resource: "Search", field: "q", code: "missing" }]);
      }
      const query = parseRepositorySearchQuery(q);
      const descending = request.query.order !== "asc";
      const matches = state
        .allRepositories()
        .filter(
          (repository) =>
            matchesRepositorySearch(repository, state.getAccount(repository.ownerId).login, query) &&
            canSeeRepository(repository, state, viewer, token),
        )
        .sort((a, b) =>
          request.query.sort === "updated"
            ? (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id - b.id) *
              (descending ? -1 : 1)
            : a.id - b.id,
        );
      const page = pagedReply(
        request,
        reply,
        `${urls.api}/search/repositories`,
        matches.slice(0, MAX_RESULTS),
      );
      const items: RepoSearchResultItem[] = page.map((repository) => ({
        ...renderMinimalRepository(repository, state, urls, repositoryViewer(repository, state, viewer)),
        score: 1,
      })) as RepoSearchResultItem[];
      return { total_count: matches.length, incomplete_results: false, items };
    },
  );
}
