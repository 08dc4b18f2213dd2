import { nodeId } from "../../shapes/node-id.js";
import type { TeamRecord } from "../../state/team.js";
import { paginate } from "../connection.js";
import type { TypeResolvers } from "../graphql-context.js";

/** `Team`: its fields in GraphQL's spelling (`privacy` VISIBLE/SECRET, `url` the web page) and `members`. */
export const teamResolvers: TypeResolvers<TeamRecord> = {
  id: (team) => nodeId("Team", team.id),
  databaseId: (team) => team.id,
  slug: (team) => team.slug,
  name: (team) => team.name,
  description: (team) => team.description,
  privacy: (team) => (team.privacy === "secret" ? "SECRET" : "VISIBLE"),
  notificationSetting: (team) => team.notificationSetting.toUpperCase(),
  combinedSlug: (team, _args, { state }) => `${state.getAccount(team.orgId).login}/${team.slug}`,
  url: (team, _args, { state, urls }) =>
    `${urls.web}/orgs/${state.getAccount(team.orgId).login}/teams/${team.slug}`,
  resourcePath: (team, _args, { state }) => `/orgs/${state.getAccount(team.orgId).login}/teams/${team.slug}`,
  organization: (team, _args, { state }) => state.getAccount(team.orgId),
  createdAt: (team) => team.createdAt,
  updatedAt: (team) => team.updatedAt,
  members: (team, args, { state }) => {
    const wanted = args.role === "MAINTAINER" ? "maintainer" : args.role === "MEMBER" ? "member" : undefined;
    const members = [...team.members.entries()]
      .filter(([, role]) => wanted === undefined || role === wanted)
      .sort(([a], [b]) => a - b);
    return paginate(
      members,
      args,
      "members",
      ([userId]) => state.getAccount(userId),
      ([, role]) => ({ role: role === "maintainer" ? "MAINTAINER" : "MEMBER" }),
    );
  },
};
