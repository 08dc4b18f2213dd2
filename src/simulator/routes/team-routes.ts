import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendGitHubError, sendNotFound } from "../http/github-error.js";
import { READ_ORG_SCOPES, resolveOrganizationForMembers } from "../http/organization-access.js";
import { pagedReply } from "../http/paged-reply.js";
import { canSeeRepository, repositoryViewer } from "../http/repository-access.js";
import { registerRepositoryGet } from "../http/repository-route.js";
import { requireContext } from "../http/request-context.js";
import { permissionFlags } from "../shapes/render-collaborator.js";
import { renderMinimalRepository } from "../shapes/render-repository.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import { renderTeam, renderTeamFull } from "../shapes/render-team.js";
import type { SimulatorContext } from "../simulator-context.js";
import { roleName } from "../state/repository-permissions.js";
import type { TeamRecord } from "../state/team.js";
import { canSeeTeam } from "../state/team-visibility.js";

const DOCS = "https://docs.github.com/rest/teams/teams";
const MEMBERS_DOCS = "https://docs.github.com/rest/teams/members#list-team-members";
const READ_ORG = { config: { acceptedScopes: READ_ORG_SCOPES, permission: "members=read" as const } };

/**
 * Teams: `GET /orgs/{org}/teams`, `/orgs/{org}/teams/{slug}`, `.../members` (`role` filter), `.../repos`
 * (with the team's `permissions`), and `GET /repos/{o}/{r}/teams` (at `/repositories/{id}/teams` too).
 * Secret teams are seen by organization owners and their own members only.
 */
export function registerTeamRoutes(app: FastifyInstance, { state }: SimulatorContext): void {
  app.get<{ Params: { org: string } }>("/orgs/:org/teams", READ_ORG, async (request, reply) => {
    const org = resolveOrganizationForMembers(state, request, reply, {
      org: request.params.org,
      documentationUrl: `${DOCS}#list-teams`,
    });
    if (!org) return reply;
    const { viewer, urls } = requireContext(request.github);
    const teams = state.teamsOf(org.id).filter((team) => canSeeTeam(team, org, viewer));
    return pagedReply(request, reply, `${urls.api}/organizations/${org.id}/teams`, teams).map((team) =>
      renderTeam(team, state, urls),
    );
  });

  const resolveTeam = (
    request: FastifyRequest<{ Params: { org: string; slug: string } }>,
    reply: FastifyReply,
    documentationUrl: string,
  ): TeamRecord | undefined => {
    const org = resolveOrganizationForMembers(state, request, reply, {
      org: request.params.org,
      documentationUrl,
    });
    if (!org) return undefined;
    const { viewer } = requireContext(request.github);
    const team = state.findTeam(org.id, request.params.slug);
    if (!team || !canSeeTeam(team, org, viewer)) {
      sendNotFound(reply, documentationUrl);
      return undefined;
    }
    return team;
  };

  app.get<{ Params: { org: string; slug: string } }>(
    "/orgs/:org/teams/:slug",
    READ_ORG,
    async (request, reply) => {
      const team = resolveTeam(request, reply, `${DOCS}#get-a-team-by-name`);
      if (!team) return reply;
      return renderTeamFull(team, state, requireContext(request.github).urls);
    },
  );

  app.get<{ Params: { org: string; slug: string }; Querystring: { role?: string } }>(
    "/orgs/:org/teams/:slug/members",
    READ_ORG,
    async (request, reply) => {
      const team = resolveTeam(request, reply, MEMBERS_DOCS);
      if (!team) return reply;
      const { urls } = requireContext(request.github);
      const role = request.query.role ?? "all";
      const members = [...team.members.entries()]
        .filter(([, memberRole]) => role === "all" || memberRole === role)
        .map(([userId]) => state.getAccount(userId))
        .sort((a, b) => a.id - b.id);
      return pagedReply(
        request,
        reply,
        `${urls.api}/organizations/${team.orgId}/team/${team.id}/members`,
        members,
      ).map((member) => renderSimpleUser(member, urls));
    },
  );

  app.get<{ Params: { org: string; slug: string } }>(
    "/orgs/:org/teams/:slug/repos",
    READ_ORG,
    async (request, reply) => {
      const team = resolveTeam(request, reply, `${DOCS}#list-team-repositories`);
      if (!team) return reply;
      const { viewer, token, urls } = requireContext(request.github);
      const repositories = [...team.repositories.entries()]
        .map(([id, permission]) => ({ repository: state.getRepository(id), permission }))
        .filter(
          (
            entry,
          ): entry is {
            repository: NonNullable<typeof entry.repository>;
            permission: typeof entry.permission;
          } => entry.repository !== undefined && canSeeRepository(entry.repository, state, viewer, token),
        )
        .sort((a, b) => a.repository.id - b.repository.id);
      return pagedReply(
        request,
        reply,
        `${urls.api}/organizations/${team.orgId}/team/${team.id}/repos`,
        repositories,
      ).map(({ repository, permission }) => ({
        ...renderMinimalRepository(repository, state, urls, repositoryViewer(repository, state, viewer)),
        permissions: permissionFlags(permission),
        role_name: roleName(permission),
      }));
    },
  );

  // Simulated organizations are not part of an enterprise with managed users: no team has an IdP group.
  app.get<{ Params: { org: string; slug: string } }>(
    "/orgs/:org/teams/:slug/external-groups",
    READ_ORG,
    async (request, reply) => {
      const team = resolveTeam(
        request,
        reply,
        `${DOCS}#list-a-connection-between-an-external-group-and-a-team`,
      );
      if (!team) return reply;
      return sendGitHubError(
        reply,
        400,
        "This organization is not part of externally managed enterprise.",
        "https://docs.github.com/rest/teams/external-groups#list-a-connection-between-an-external-group-and-a-team",
      );
    },
  );

  registerRepositoryGet(
    app,
    state,
    {
      path: "/teams",
      documentationUrl: "https://docs.github.com/rest/repos/repos#list-repository-teams",
      permission: "administration=read",
    },
    (repository, request, reply) => {
      const { viewer, urls } = requireContext(request.github);
      const owner = state.getAccount(repository.ownerId);
      const teams = state
        .teamsOf(owner.id)
        .filter((team) => team.repositories.has(repository.id) && canSeeTeam(team, owner, viewer));
      return pagedReply(request, reply, `${urls.api}/repositories/${repository.id}/teams`, teams).map(
        (team) => ({
          ...renderTeam(team, state, urls),
          permission: team.repositories.get(repository.id) ?? "pull",
        }),
      );
    },
  );
}
