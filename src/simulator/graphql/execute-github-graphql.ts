import {
  defaultFieldResolver,
  type ExecutionResult,
  execute,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
  parse,
  validate,
} from "graphql";
import { githubGraphQLSchema } from "./github-graphql-schema.js";
import type { GraphQLContext, TypeResolvers } from "./graphql-context.js";
import { GitHubGraphQLError } from "./graphql-error.js";
import { blobResolvers, treeEntryResolvers, treeResolvers } from "./resolvers/git-object-resolvers.js";
import { organizationResolvers } from "./resolvers/organization-resolvers.js";
import { pullRequestResolvers } from "./resolvers/pull-request-resolvers.js";
import { queryResolvers } from "./resolvers/query-resolvers.js";
import { repositoryResolvers } from "./resolvers/repository-resolvers.js";
import { teamResolvers } from "./resolvers/team-resolvers.js";
import { userResolvers } from "./resolvers/user-resolvers.js";

/** Object types backed by state records; one resolver file per type. Register new types here. */
const resolversByType: Record<string, TypeResolvers<never>> = {
  Query: queryResolvers,
  Organization: organizationResolvers,
  User: userResolvers,
  Team: teamResolvers,
  Repository: repositoryResolvers,
  PullRequest: pullRequestResolvers,
  Blob: blobResolvers,
  Tree: treeResolvers,
  TreeEntry: treeEntryResolvers,
};

/**
 * Types with resolvers answer only the fields they implement (anything else is a NOT_IMPLEMENTED error,
 * never a made-up value); other types (connections, edges, `PageInfo`) are plain objects read by key.
 */
const fieldResolver: GraphQLFieldResolver<unknown, GraphQLContext> = (source, args, context, info) => {
  const resolvers = resolversByType[info.parentType.name];
  if (!resolvers) return defaultFieldResolver(source, args, context, info);
  const resolve = resolvers[info.fieldName] as
    | ((source: unknown, args: Record<string, unknown>, context: GraphQLContext) => unknown)
    | undefined;
  if (!resolve) {
    throw new GitHubGraphQLError(
      "NOT_IMPLEMENTED",
      `The GitHub simulator does not implement \`${info.parentType.name}.${info.fieldName}\`.`,
    );
  }
  return resolve(source, args, context);
};

/**
 * Accounts carry their GraphQL type in `type`; teams are told apart by their slug; plain objects (a
 * ref's target commit, `Repository.object`'s `Blob` or `Tree`) name theirs in `__typename`.
 */
const typeResolver: GraphQLTypeResolver<unknown, GraphQLContext> = (value) => {
  if (value && typeof value === "object") {
    const typename = (value as { __typename?: unknown }).__typename;
    if (typeof typename === "string") return typename;
    if ("slug" in value && "orgId" in value) return "Team";
    const type = (value as { type?: unknown }).type;
    if (type === "User" || type === "Organization") return type;
  }
  return undefined;
};

export interface GraphQLRequestBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** One entry of GitHub's `errors`: `type` (when GitHub has one), `path`, `locations`, `message`. */
function formatError(error: GraphQLError): Record<string, unknown> {
  const original = error.originalError;
  if (original instanceof GitHubGraphQLError) {
    return {
      type: original.type,
      path: error.path,
      ...(error.locations ? { locations: error.locations } : {}),
      message: original.message,
    };
  }
  return error.toJSON() as unknown as Record<string, unknown>;
}

/**
 * Runs one GraphQL request against GitHub's schema. Parse and validation failures answer with
 * `errors` only (no `data`), as GitHub does; resolver errors leave `null` where they happened.
 */
export async function executeGitHubGraphQL(
  body: GraphQLRequestBody,
  context: GraphQLContext,
): Promise<Record<string, unknown>> {
  const schema = await githubGraphQLSchema();
  let document: ReturnType<typeof parse>;
  try {
    document = parse(body.query);
  } catch (error) {
    return { errors: [formatError(error as GraphQLError)] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { errors: invalid.map(formatError) };
  const result: ExecutionResult = await execute({
    schema,
    document,
    variableValues: body.variables ?? undefined,
    operationName: body.operationName ?? undefined,
    contextValue: context,
    fieldResolver,
    typeResolver,
  });
  // Paging errors concern the whole request on GitHub: no partial data comes with them.
  const paging = result.errors?.some(
    (error) =>
      error.originalError instanceof GitHubGraphQLError &&
      ["MISSING_PAGINATION_BOUNDARIES", "EXCESSIVE_PAGINATION"].includes(error.originalError.type),
  );
  return {
    ...(paging ? {} : { data: result.data ?? null }),
    ...(result.errors ? { errors: result.errors.map(formatError) } : {}),
  };
}
