import { nodeId } from "../../shapes/node-id.js";
import type { AccountRecord } from "../../state/account.js";
import { canSeeTeam } from "../../state/team-visibility.js";
import { paginate } from "../connection.js";
import type { TypeResolvers } from "../graphql-context.js";
import { GitHubGraphQLError } from "../graphql-error.js";
import { requireReadOrg } from "../require-read-org.js";

const PAGING_ARGUMENTS = new Set(["first", "after", "last", "before", "orderBy"]);

/**
 * `Organization`: profile fields, `membersWithRole` (edges carry `role`), `team(slug)` and `teams`.
 * Members and teams need `read:org`; SAML single sign-on is not enabled on simulated organizations,
 * so `samlIdentityProvider` is null.
 */
export const organizationResolvers: TypeResolvers<AccountRecord> = {
  id: (org) => nodeId("Organization", org.id),
  databaseId: (org) => org.id,
  login: (org) => org.login,
  name: (org) => org.name,
  description: (org) => org.description,
  email: (org) => org.email,
  location: (org) => org.location,
  url: (org, _args, { urls }) => `${urls.web}/${org.login}`,
  resourcePath: (org) => `/${org.login}`,
  avatarUrl: (org, _args, { urls }) => `${urls.web}/avatars/u/${org.id}?v=4`,
  createdAt: (org) => org.createdAt,
  updatedAt: (org) => org.updatedAt,
  samlIdentityProvider: () => null,
  membersWithRole: (org, args, { state, token }) => {
    requireReadOrg(token, org, "membersWithRole");
    const members = [...org.members.entries()].sort(([a], [b]) => a - b);
    return paginate(
      members,
      args,
      "membersWithRole",
      ([userId]) => state.getAccount(userId),
      ([, role]) => ({ role: role === "admin" ? "ADMIN" : "MEMBER", hasTwoFactorEnabled: null }),
    );
  },
  team: (org, args, { state, token, viewer }) => {
    requireReadOrg(token, org, "team");
    const team = state.findTeam(org.id, String(args.slug));
    return team && canSeeTeam(team, org, viewer) ? team : null;
  },
  teams: (org, args, { state, token, viewer }) => {
    requireReadOrg(token, org, "teams");
    const filters = Object.keys(args).filter(
      (name) => !PAGING_ARGUMENTS.has(name) && args[name] !== undefined,
    );
    if (filters.length > 0) {
      throw new GitHubGraphQLError(
        "NOT_IMPLEMENTED",
        `The simulator does not filter \`teams\` by ${filters.join(", ")}.`,
      );
    }
    const teams = state
      .teamsOf(org.id)
      .filter((team) => canSeeTeam(team, org, viewer))
      .sort((a, b) => a.name.localeCompare(b.name));
    return paginate(
      teams,
      args,
      "teams",
      (team) => team,
      () => ({}),
    );
  },
};
