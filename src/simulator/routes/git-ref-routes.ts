import type { FastifyInstance } from "fastify";
import { sendIfMissingPermission } from "../http/fine-grained-permission.js";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { linkHeader, readPageRequest, slicePage } from "../http/pagination.js";
import { repositoryViewer } from "../http/repository-access.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import {
  renderBranchProtection,
  renderBranchWithProtection,
  renderGitRef,
  renderShortBranch,
  renderTag,
} from "../shapes/render-git-ref.js";
import type { SimulatorContext } from "../simulator-context.js";

const TAGS_DOCS = "https://docs.github.com/rest/repos/repos#list-repository-tags";
const REF_DOCS = "https://docs.github.com/rest/git/refs#get-a-reference";
const BRANCHES_DOCS = "https://docs.github.com/rest/branches/branches#list-branches";
const BRANCH_DOCS = "https://docs.github.com/rest/branches/branches#get-a-branch";
const PROTECTION_DOCS = "https://docs.github.com/rest/branches/branch-protection#get-branch-protection";

/**
 * Tags and branches: `GET /repos/{o}/{r}/tags`, `GET …/git/ref/{ref}` (and the older `…/git/refs/{ref}`,
 * which answers an exact match as one object), `GET …/branches` (`protected` filter), `GET
 * …/branches/{branch}` (names may hold `/`) and `GET …/branches/{branch}/protection` (admins only: 403
 * otherwise; 404 "Branch not protected").
 */
export function registerGitRefRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  registerRepositoryGet(
    app,
    state,
    { path: "/tags", documentationUrl: TAGS_DOCS, permission: "contents=read" },
    async (repo, request, reply) => {
      const { urls } = requireContext(request.github);
      const query = request.query as Record<string, string>;
      const pageRequest = readPageRequest(query);
      const page = slicePage(state.activity.tagsOf(repo.id), pageRequest);
      const link = linkHeader(
        `${urls.api}/repositories/${repo.id}/tags`,
        new URLSearchParams(query),
        pageRequest.page,
        page.lastPage,
      );
      if (link) reply.header("link", link);
      return page.items.map((tag) => renderTag(tag, repo, state, urls));
    },
  );

  for (const prefix of ["ref", "refs"]) {
    registerRepositoryGet(
      app,
      state,
      { path: `/git/${prefix}/*`, documentationUrl: REF_DOCS, permission: "contents=read" },
      async (repo, request, reply) => {
        const ref = request.params["*"] ?? "";
        const { urls } = requireContext(request.github);
        const tag = ref.startsWith("tags/") ? state.activity.tag(repo.id, ref.slice(5)) : undefined;
        const branch = ref.startsWith("heads/") ? state.activity.branch(repo.id, ref.slice(6)) : undefined;
        const sha = tag?.sha ?? branch?.sha;
        if (sha === undefined) return sendNotFound(reply, REF_DOCS);
        return renderGitRef(`refs/${ref}`, sha, repo, state, urls);
      },
    );
  }

  registerRepositoryGet(
    app,
    state,
    { path: "/branches", documentationUrl: BRANCHES_DOCS, permission: "contents=read" },
    async (repo, request, reply) => {
      const { urls } = requireContext(request.github);
      const query = request.query as Record<string, string>;
      const only = query.protected === "true" ? true : query.protected === "false" ? false : undefined;
      const branches = state.activity
        .branchesOf(repo.id)
        .filter((branch) => only === undefined || (branch.protection !== null) === only);
      const pageRequest = readPageRequest(query);
      const page = slicePage(branches, pageRequest);
      const link = linkHeader(
        `${urls.api}/repositories/${repo.id}/branches`,
        new URLSearchParams(query),
        pageRequest.page,
        page.lastPage,
      );
      if (link) reply.header("link", link);
      return page.items.map((branch) => renderShortBranch(branch, repo, state, urls));
    },
  );

  registerRepositoryGet(
    app,
    state,
    { path: "/branches/*", documentationUrl: BRANCH_DOCS, permission: "contents=read" },
    async (repo, request, reply) => {
      const rest = request.params["*"] ?? "";
      const { urls, viewer, token } = requireContext(request.github);
      // A branch may itself be named `…/protection`: an existing branch wins, as the names are ambiguous.
      const whole = state.activity.branch(repo.id, rest);
      if (whole) return renderBranchWithProtection(whole, repo, state, urls);
      const protectedName = rest.endsWith("/protection") ? rest.slice(0, -"/protection".length) : undefined;
      const branch = protectedName === undefined ? undefined : state.activity.branch(repo.id, protectedName);
      if (!branch) {
        return sendGitHubError(reply, 404, "Branch not found", protectedName ? PROTECTION_DOCS : BRANCH_DOCS);
      }
      // One route serves branches and their protection; the protection needs Administration as well.
      if (sendIfMissingPermission(reply, token, "administration=read", PROTECTION_DOCS)) return reply;
      if (!repositoryViewer(repo, state, viewer).permissions.admin) {
        return sendGitHubError(reply, 403, "Must have admin rights to Repository.", PROTECTION_DOCS);
      }
      const { protection } = branch;
      if (protection === null) return sendGitHubError(reply, 404, "Branch not protected", PROTECTION_DOCS);
      return renderBranchProtection({ ...branch, protection }, repo, state, urls);
    },
  );
}
