import { canSeeRepository } from "../../http/repository-access.js";
import type { TypeResolvers } from "../graphql-context.js";
import { GitHubGraphQLError } from "../graphql-error.js";

/** `Query`: the entry points the integration uses. */
export const queryResolvers: TypeResolvers<unknown> = {
  organization: (_source, args, { state }) => {
    const account = state.findAccount(String(args.login));
    if (account?.type !== "Organization") {
      throw new GitHubGraphQLError(
        "NOT_FOUND",
        `Could not resolve to an Organization with the login of '${String(args.login)}'.`,
      );
    }
    return account;
  },
  user: (_source, args, { state }) => {
    const account = state.findAccount(String(args.login));
    if (account?.type !== "User") {
      throw new GitHubGraphQLError(
        "NOT_FOUND",
        `Could not resolve to a User with the login of '${String(args.login)}'.`,
      );
    }
    return account;
  },
  viewer: (_source, _args, { viewer }) => viewer,
  // `RateLimit` is read by key: cost, nodeCount, limit, used, remaining, resetAt.
  rateLimit: (_source, _args, { rateLimit }) => rateLimit ?? null,
  repository: (_source, args, { state, viewer, token }) => {
    const found = state.findRepository(String(args.owner), String(args.name))?.repository;
    if (!found || !canSeeRepository(found, state, viewer, token)) {
      throw new GitHubGraphQLError(
        "NOT_FOUND",
        `Could not resolve to a Repository with the name '${String(args.owner)}/${String(args.name)}'.`,
      );
    }
    return found;
  },
};
