import type { FastifyInstance } from "fastify";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { pagedReply } from "../http/paged-reply.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { renderCollaborator } from "../shapes/render-collaborator.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import type { SimulatorContext } from "../simulator-context.js";
import { type RepositoryGrant, repositoryGrants, roleName } from "../state/repository-permissions.js";
import { REPOSITORY_PERMISSIONS } from "../state/team.js";

const DOCS = "https://docs.github.com/rest/collaborators/collaborators";
const LIST_DOCS = `${DOCS}#list-repository-collaborators`;
const PERMISSION_DOCS = `${DOCS}#get-repository-permissions-for-a-user`;

const AFFILIATIONS: Record<string, (grant: RepositoryGrant) => boolean> = {
  all: () => true,
  direct: (grant) => grant.direct,
  outside: (grant) => grant.outside,
};

/**
 * `GET /repos/{o}/{r}/collaborators` (`affiliation` all/direct/outside, `permission`) and
 * `GET /repos/{o}/{r}/collaborators/{username}/permission`, each at `/repositories/{id}/…` too. Both
 * need push access, with GitHub's 403.
 */
export function registerCollaboratorRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  const canPush = (grants: RepositoryGrant[], viewerId: number) => {
    const permission = grants.find((grant) => grant.userId === viewerId)?.permission;
    return (
      permission !== undefined &&
      REPOSITORY_PERMISSIONS.indexOf(permission) >= REPOSITORY_PERMISSIONS.indexOf("push")
    );
  };

  registerRepositoryGet(
    app,
    state,
    { path: "/collaborators", documentationUrl: LIST_DOCS, permission: "metadata=read" },
    (repository, request, reply) => {
      const query = request.query as { affiliation?: string; permission?: string };
      const { viewer, urls } = requireContext(request.github);
      const grants = repositoryGrants(state, repository);
      if (!canPush(grants, viewer.id)) {
        return sendGitHubError(
          reply,
          403,
          "Must have push access to view repository collaborators.",
          LIST_DOCS,
        );
      }
      const affiliation = AFFILIATIONS[query.affiliation ?? "all"];
      if (!affiliation) {
        return sendGitHubError(reply, 422, `Invalid affiliation: ${query.affiliation}`, LIST_DOCS);
      }
      const wanted = query.permission;
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

  registerRepositoryGet(
    app,
    state,
    {
      path: "/collaborators/:username/permission",
      documentationUrl: PERMISSION_DOCS,
      permission: "metadata=read",
    },
    (repository, request, reply) => {
      const { viewer, urls } = requireContext(request.github);
      const grants = repositoryGrants(state, repository);
      if (!canPush(grants, viewer.id)) {
        return sendGitHubError(
          reply,
          403,
          "Must have push access to view collaborator permission.",
          PERMISSION_DOCS,
        );
      }
      const user = state.findAccount(request.params.username ?? "");
      if (user?.type !== "User") return sendNotFound(reply, PERMISSION_DOCS);
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
