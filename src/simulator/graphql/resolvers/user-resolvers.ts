import { nodeId } from "../../shapes/node-id.js";
import type { AccountRecord } from "../../state/account.js";
import type { TypeResolvers } from "../graphql-context.js";

/** `User`: the profile fields; `email` is the public email, `""` when the user shows none (as on GitHub). */
export const userResolvers: TypeResolvers<AccountRecord> = {
  id: (user) => nodeId("User", user.id),
  databaseId: (user) => user.id,
  login: (user) => user.login,
  name: (user) => user.name,
  email: (user) => user.email ?? "",
  company: (user) => user.company,
  location: (user) => user.location,
  bio: (user) => user.bio,
  isSiteAdmin: () => false,
  avatarUrl: (user, _args, { urls }) => `${urls.web}/avatars/u/${user.id}?v=4`,
  url: (user, _args, { urls }) => `${urls.web}/${user.login}`,
  resourcePath: (user) => `/${user.login}`,
  createdAt: (user) => user.createdAt,
  updatedAt: (user) => user.updatedAt,
  isViewer: (user, _args, { viewer }) => user.id === viewer.id,
};
