import type { FastifyInstance } from "fastify";
import { sendNotFound } from "../http/github-error.js";
import { linkHeader, readPageRequest, slicePage } from "../http/pagination.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { renderRelease } from "../shapes/render-release.js";
import type { SimulatorContext } from "../simulator-context.js";

const LIST_DOCS = "https://docs.github.com/rest/releases/releases#list-releases";
const GET_DOCS = "https://docs.github.com/rest/releases/releases#get-a-release";

/**
 * `GET /repos/{o}/{r}/releases` (newest first, paginated) and `GET …/releases/{id}`. Drafts are shown
 * only to those who can push, as on GitHub.
 */
export function registerReleaseRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  const canSeeDrafts = (ownerId: number, viewerId: number): boolean => {
    const owner = state.getAccount(ownerId);
    return owner.id === viewerId || owner.members.get(viewerId) === "admin";
  };

  registerRepositoryGet(
    app,
    state,
    { path: "/releases", documentationUrl: LIST_DOCS, permission: "contents=read" },
    async (repo, request, reply) => {
      const { urls, viewer } = requireContext(request.github);
      const drafts = canSeeDrafts(repo.ownerId, viewer.id);
      const releases = state.activity.releasesOf(repo.id).filter((release) => drafts || !release.draft);
      const query = request.query as Record<string, string>;
      const pageRequest = readPageRequest(query);
      const page = slicePage(releases, pageRequest);
      const link = linkHeader(
        `${urls.api}/repositories/${repo.id}/releases`,
        new URLSearchParams(query),
        pageRequest.page,
        page.lastPage,
      );
      if (link) reply.header("link", link);
      return page.items.map((release) => renderRelease(release, repo, state, urls));
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/releases/:release_id", documentationUrl: GET_DOCS, permission: "contents=read" },
    async (repo, request, reply) => {
      const { urls, viewer } = requireContext(request.github);
      // Not `:id`: at `/repositories/:id/releases/…` that name is the repository's.
      const wanted = request.params.release_id ?? "";
      const id = /^\d+$/.test(wanted) ? Number(wanted) : Number.NaN;
      const release = state.activity.release(repo.id, id);
      if (!release || (release.draft && !canSeeDrafts(repo.ownerId, viewer.id))) {
        return sendNotFound(reply, GET_DOCS);
      }
      return renderRelease(release, repo, state, urls);
    },
  );
}
