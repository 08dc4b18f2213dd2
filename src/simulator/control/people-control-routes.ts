import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { permissionFlags } from "../shapes/render-collaborator.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import { renderTeamFull } from "../shapes/render-team.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { AccountRecord } from "../state/account.js";
import { roleName } from "../state/repository-permissions.js";
import { REPOSITORY_PERMISSIONS, type TeamRecord, teamSlug } from "../state/team.js";
import { memberEventPayload } from "../webhooks/member-event-payload.js";
import { membershipEventPayload } from "../webhooks/membership-event-payload.js";
import { organizationMemberEventPayload } from "../webhooks/organization-event-payload.js";
import { type TeamChanges, teamEventPayload } from "../webhooks/team-event-payload.js";
import type { WebhookEvent } from "../webhooks/webhook-dispatcher.js";

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;
const permission = z.enum(REPOSITORY_PERMISSIONS);

const CreateUserBody = z.strictObject({
  login: z.string().regex(LOGIN, "a GitHub login: letters, digits and inner '-', at most 39 characters"),
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});
const MemberBody = z.strictObject({ role: z.enum(["admin", "member"]).optional() });
const TeamBody = z.strictObject({
  name: z.string().min(1),
  description: z.string().nullable().optional(),
  privacy: z.enum(["closed", "secret"]).optional(),
});
const EditTeamBody = TeamBody.partial();
const PermissionBody = z.strictObject({ permission: permission.optional() });
const TeamMembershipBody = z.strictObject({ role: z.enum(["member", "maintainer"]).optional() });

/**
 * The control API for people (`/_simulator/...`): users, organization members, teams, team members and
 * repositories, and repository collaborators. Each change emits the webhook GitHub sends for it
 * (`organization`, `team`, `membership`, `member`) and answers `{ ..., deliveries }`.
 */
export function registerPeopleControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { state } = context;
  const urls = () => context.webhookUrls();
  const fail = (reply: FastifyReply, status: number, message: string) => reply.code(status).send({ message });
  const parse = <T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined => {
    const result = schema.safeParse(body ?? {});
    if (result.success) return result.data;
    fail(reply, 422, `invalid request body: ${z.prettifyError(result.error)}`);
    return undefined;
  };
  const organization = (login: string, reply: FastifyReply): AccountRecord | undefined => {
    const org = state.findAccount(login);
    if (org?.type === "Organization") return org;
    fail(reply, 404, `no organization ${login} in the simulator`);
    return undefined;
  };
  const user = (login: string, reply: FastifyReply): AccountRecord | undefined => {
    const found = state.findAccount(login);
    if (found?.type === "User") return found;
    fail(reply, 404, `no user ${login} in the simulator`);
    return undefined;
  };
  const team = (org: AccountRecord, slug: string, reply: FastifyReply): TeamRecord | undefined => {
    const found = state.findTeam(org.id, slug);
    if (found) return found;
    fail(reply, 404, `no team ${slug} in ${org.login}`);
    return undefined;
  };
  const emit = (org: AccountRecord, event: WebhookEvent) => context.webhooks.emitToOrganization(org, event);

  app.post("/users", async (request, reply) => {
    const body = parse(CreateUserBody, request.body, reply);
    if (!body) return reply;
    if (state.findAccount(body.login)) return fail(reply, 422, `login ${body.login} is taken`);
    const now = state.clock.now();
    const created: AccountRecord = {
      type: "User",
      id: state.allocateUserId(),
      login: body.login,
      name: body.name ?? null,
      company: null,
      blog: "",
      location: null,
      email: body.email ?? null,
      bio: null,
      twitterUsername: null,
      description: null,
      followers: 0,
      following: 0,
      createdAt: now,
      updatedAt: now,
      members: new Map(),
    };
    state.addAccount(created);
    return reply.code(201).send({ user: renderSimpleUser(created, urls()), deliveries: [] });
  });

  app.put<{ Params: { org: string; login: string } }>("/orgs/:org/members/:login", async (request, reply) => {
    const body = parse(MemberBody, request.body, reply);
    const org = body && organization(request.params.org, reply);
    const member = org && user(request.params.login, reply);
    if (!body || !org || !member) return reply;
    const role = body.role ?? "member";
    const joined = !org.members.has(member.id);
    org.members.set(member.id, role);
    const deliveries = joined
      ? emit(
          org,
          organizationMemberEventPayload(urls(), {
            action: "member_added",
            organization: org,
            member,
            role,
            sender: context.owner,
          }),
        )
      : [];
    return { login: member.login, role, deliveries };
  });

  app.delete<{ Params: { org: string; login: string } }>(
    "/orgs/:org/members/:login",
    async (request, reply) => {
      const org = organization(request.params.org, reply);
      const member = org && user(request.params.login, reply);
      if (!org || !member) return reply;
      const role = org.members.get(member.id);
      if (role === undefined) return fail(reply, 404, `${member.login} is not a member of ${org.login}`);
      org.members.delete(member.id);
      // Leaving an organization leaves its teams too.
      for (const each of state.teamsOf(org.id)) each.members.delete(member.id);
      const deliveries = emit(
        org,
        organizationMemberEventPayload(urls(), {
          action: "member_removed",
          organization: org,
          member,
          role,
          sender: context.owner,
        }),
      );
      return { login: member.login, deliveries };
    },
  );

  app.post<{ Params: { org: string } }>("/orgs/:org/teams", async (request, reply) => {
    const body = parse(TeamBody, request.body, reply);
    const org = body && organization(request.params.org, reply);
    if (!body || !org) return reply;
    const slug = teamSlug(body.name);
    if (slug === "" || state.findTeam(org.id, slug))
      return fail(reply, 422, `team ${slug} cannot be created in ${org.login}`);
    const now = state.clock.now();
    const created: TeamRecord = {
      id: state.allocateTeamId(),
      orgId: org.id,
      name: body.name,
      slug,
      description: body.description ?? null,
      privacy: body.privacy ?? "secret",
      notificationSetting: "notifications_enabled",
      createdAt: now,
      updatedAt: now,
      members: new Map(),
      repositories: new Map(),
    };
    state.addTeam(created);
    const deliveries = emit(
      org,
      teamEventPayload(state, urls(), { action: "created", team: created, sender: context.owner }),
    );
    return reply.code(201).send({ team: renderTeamFull(created, state, urls()), deliveries });
  });

  app.patch<{ Params: { org: string; slug: string } }>("/orgs/:org/teams/:slug", async (request, reply) => {
    const body = parse(EditTeamBody, request.body, reply);
    const org = body && organization(request.params.org, reply);
    const edited = org && team(org, request.params.slug, reply);
    if (!body || !org || !edited) return reply;
    const changes: TeamChanges = {};
    if (body.name !== undefined && body.name !== edited.name) {
      const slug = teamSlug(body.name);
      const clash = state.findTeam(org.id, slug);
      if (slug === "" || (clash && clash.id !== edited.id))
        return fail(reply, 422, `team ${slug} cannot be renamed`);
      changes.name = { from: edited.name };
      edited.name = body.name;
      edited.slug = slug;
    }
    if (body.description !== undefined && body.description !== edited.description) {
      changes.description = { from: edited.description ?? "" };
      edited.description = body.description;
    }
    if (body.privacy !== undefined && body.privacy !== edited.privacy) {
      changes.privacy = { from: edited.privacy };
      edited.privacy = body.privacy;
    }
    if (Object.keys(changes).length === 0)
      return { team: renderTeamFull(edited, state, urls()), deliveries: [] };
    edited.updatedAt = state.clock.now();
    const deliveries = emit(
      org,
      teamEventPayload(state, urls(), { action: "edited", team: edited, changes, sender: context.owner }),
    );
    return { team: renderTeamFull(edited, state, urls()), deliveries };
  });

  app.delete<{ Params: { org: string; slug: string } }>("/orgs/:org/teams/:slug", async (request, reply) => {
    const org = organization(request.params.org, reply);
    const deleted = org && team(org, request.params.slug, reply);
    if (!org || !deleted) return reply;
    const deliveries = emit(
      org,
      teamEventPayload(state, urls(), { action: "deleted", team: deleted, sender: context.owner }),
    );
    state.deleteTeam(deleted);
    return { deleted: deleted.slug, deliveries };
  });

  app.put<{ Params: { org: string; slug: string; owner: string; repo: string } }>(
    "/orgs/:org/teams/:slug/repos/:owner/:repo",
    async (request, reply) => {
      const body = parse(PermissionBody, request.body, reply);
      const org = body && organization(request.params.org, reply);
      const granted = org && team(org, request.params.slug, reply);
      if (!body || !org || !granted) return reply;
      const found = state.findRepository(request.params.owner, request.params.repo);
      if (!found || found.repository.ownerId !== org.id) {
        return fail(
          reply,
          404,
          `no repository ${request.params.owner}/${request.params.repo} of ${org.login}`,
        );
      }
      const repository = found.repository;
      const previous = granted.repositories.get(repository.id);
      const chosen = body.permission ?? "push";
      granted.repositories.set(repository.id, chosen);
      const event =
        previous === undefined
          ? teamEventPayload(state, urls(), {
              action: "added_to_repository",
              team: granted,
              repository,
              sender: context.owner,
            })
          : previous === chosen
            ? undefined
            : teamEventPayload(state, urls(), {
                action: "edited",
                team: granted,
                repository,
                changes: { repository: { permissions: { from: permissionFlags(previous) } } },
                sender: context.owner,
              });
      return {
        team: granted.slug,
        repository: repository.name,
        permission: chosen,
        deliveries: event ? emit(org, event) : [],
      };
    },
  );

  app.put<{ Params: { org: string; slug: string; login: string } }>(
    "/orgs/:org/teams/:slug/memberships/:login",
    async (request, reply) => {
      const body = parse(TeamMembershipBody, request.body, reply);
      const org = body && organization(request.params.org, reply);
      const joined = org && team(org, request.params.slug, reply);
      const member = joined && user(request.params.login, reply);
      if (!body || !org || !joined || !member) return reply;
      if (!org.members.has(member.id))
        return fail(reply, 422, `${member.login} is not a member of ${org.login}`);
      const added = !joined.members.has(member.id);
      joined.members.set(member.id, body.role ?? "member");
      const deliveries = added
        ? emit(
            org,
            membershipEventPayload(state, urls(), {
              action: "added",
              team: joined,
              member,
              sender: context.owner,
            }),
          )
        : [];
      return { team: joined.slug, login: member.login, role: body.role ?? "member", deliveries };
    },
  );

  app.delete<{ Params: { org: string; slug: string; login: string } }>(
    "/orgs/:org/teams/:slug/memberships/:login",
    async (request, reply) => {
      const org = organization(request.params.org, reply);
      const left = org && team(org, request.params.slug, reply);
      const member = left && user(request.params.login, reply);
      if (!org || !left || !member) return reply;
      if (!left.members.delete(member.id))
        return fail(reply, 404, `${member.login} is not in team ${left.slug}`);
      const deliveries = emit(
        org,
        membershipEventPayload(state, urls(), {
          action: "removed",
          team: left,
          member,
          sender: context.owner,
        }),
      );
      return { team: left.slug, login: member.login, deliveries };
    },
  );

  app.put<{ Params: { owner: string; repo: string; login: string } }>(
    "/repos/:owner/:repo/collaborators/:login",
    async (request, reply) => {
      const body = parse(PermissionBody, request.body, reply);
      const member = body && user(request.params.login, reply);
      if (!body || !member) return reply;
      const found = state.findRepository(request.params.owner, request.params.repo);
      if (!found) return fail(reply, 404, `no repository ${request.params.owner}/${request.params.repo}`);
      const repository = found.repository;
      const chosen = body.permission ?? "push";
      const previous = state.directCollaborators(repository.id).get(member.id);
      state.setCollaborator(repository.id, member.id, chosen);
      const role = roleName(chosen);
      const event =
        previous === undefined
          ? memberEventPayload(state, urls(), {
              action: "added",
              repository,
              member,
              sender: context.owner,
              ...(role === "write" || role === "admin" ? { changes: { permission: { to: role } } } : {}),
            })
          : previous === chosen
            ? undefined
            : memberEventPayload(state, urls(), {
                action: "edited",
                repository,
                member,
                sender: context.owner,
                changes: { old_permission: { from: roleName(previous) } },
              });
      return {
        repository: repository.name,
        login: member.login,
        permission: chosen,
        deliveries: event ? context.webhooks.emitToRepository(repository, event) : [],
      };
    },
  );

  app.delete<{ Params: { owner: string; repo: string; login: string } }>(
    "/repos/:owner/:repo/collaborators/:login",
    async (request, reply) => {
      const member = user(request.params.login, reply);
      if (!member) return reply;
      const found = state.findRepository(request.params.owner, request.params.repo);
      if (!found) return fail(reply, 404, `no repository ${request.params.owner}/${request.params.repo}`);
      const repository = found.repository;
      if (!state.removeCollaborator(repository.id, member.id)) {
        return fail(reply, 404, `${member.login} is not a collaborator of ${repository.name}`);
      }
      const deliveries = context.webhooks.emitToRepository(
        repository,
        memberEventPayload(state, urls(), { action: "removed", repository, member, sender: context.owner }),
      );
      return { repository: repository.name, login: member.login, deliveries };
    },
  );
}
