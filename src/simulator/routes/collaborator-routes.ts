import type { FastifyInstance } from "fastify";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { pagedReply } from "../http/paged-reply.js";
import { requireContext } from "../http/request-context.js";
import { resolveRepository } from "../http/resolve-repository.js";
import { renderCollaborator } from "../shapes/render-collaborator.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import type { SimulatorContext } from "../simulator-context.js";
import { type RepositoryGrant, repositoryGrants, roleName } from "../state/repository-permissions.js";
import { REPOSITORY_PERMISSIONS } from "../state/team.js";

const DOCS = "https://docs.github.com/rest/collaborators/collaborators";

const AFFILIATIONS: Record<string, (grant: RepositoryGrant) => boolean> = {
  all: () => true,
  direct: (grant) => grant.direct,
  outside: (grant) => grant.outside,
};

/**
 * `GET /repos/{o}/{r}/collaborators` (`affiliation` all/direct/outside, `permission`) and
 * `GET /repos/{o}/{r}/collaborators/{username}/permission`. Both need push access, with GitHub's 403.
 */
export function registerCollaboratorRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  const canPush = (grants: RepositoryGrant[], viewerId: number) => {
    const permission = grants.find((grant) => grant.userId === viewerId)?.permission;
    return (
      permission !== undefined &&
      REPOSITORY_PERMISSIONS.indexOf(permission) >= REPOSITORY_PERMISSIONS.indexOf("push")
    );
  };

  app.get<{
    Params: { owner: string; repo: string };
    Querystring: { affiliation?: string; permission?: string };
  }>(
    "/repos/:owner/:repo/collaborators",
    { config: { acceptedScopes: ["repo"], permission: "metadata=read" } },
    async (request, reply) => {
      const documentationUrl = `${DOCS}#list-repository-collaborators`;
      const repository = resolveRepository(state, request, reply, {
        ...request.params,
        rest: "/collaborators",
        documentationUrl,
      });
      if (!repository) return reply;
      const { viewer, urls } = requireContext(request.github);
      const grants = repositoryGrants(state, repository);
      if (!canPush(grants, viewer.id)) {
        return sendGitHubError(
          reply,
          403,
          "Must have push access to view repository collaborators.",
          documentationUrl,
        );
      }
      const affiliation = AFFILIATIONS[request.query.affiliation ?? "all"];
      if (!affiliation) {
        return sendGitHubError(
          reply,
          422,
          `Invalid affiliation: ${request.query.affiliation}`,
          documentationUrl,
        );
      }
      const wanted = request.query.permission;
      const kept = grants.filter(
        (grant) =>
          affiliation(grant) &&
          (wanted === undefined ||
            wanted === "" ||
            grant.permission === wanted ||
            roleName(grant.permission) === wanted),
      );
      return pagedReply(request, reply, `${urls.api}/repositories/${repository.id}/collaborators`, kept).map(
        (grant) => renderCollaborator(grant, state, urls),
      );
    },
  );

  app.get<{ Params: { owner: string; repo: string; username: string } }>(
    "/repos/:owner/:repo/collaborators/:username/permission",
    { config: { acceptedScopes: ["repo"], permission: "metadata=read" } },
    async (request, reply) => {
      const documentationUrl = `${DOCS}#get-repository-permissions-for-a-user`;
      const repository = resolveRepository(state, request, reply, {
        owner: request.params.owner,
        repo: request.params.repo,
        rest: `/collaborators/${request.params.username}/permission`,
        documentationUrl,
      });
      if (!repository) return reply;
      const { viewer, urls } = requireContext(request.github);
      const grants = repositoryGrants(state, repository);
      if (!canPush(grants, viewer.id)) {
        return sendGitHubError(
          reply,
          403,
          "Must have push access to view collaborator permission.",
          documentationUrl,
        );
      }
      const user = state.findAccount(request.params.username);
      if (user?.type !== "User") return sendNotFound(reply, documentationUrl);
      const grant = grants.find((candidate) => candidate.userId === user.id);
      if (!grant) {
        const none = { admin: false, maintain: false, push: false, triage: false, pull: false };
        const collaborator = { ...renderSimpleUser(user, urls), permissions: none, role_name: "none" };
        return { permission: "none", role_name: "none", user: collaborator };
      }
      // `permission` is the legacy name set: maintain reads as write, triage as read.
      const legacy = { admin: "admin", maintain: "write", push: "write", triage: "read", pull: "read" }[
        grant.permission
      ];
      return {
        permission: legacy,
        role_name: roleName(grant.permission),
        user: renderCollaborator(grant, state, urls),
      };
    },
  );
}
