import { buildSchema, type GraphQLSchema } from "graphql";

let schema: Promise<GraphQLSchema> | undefined;

/**
 * GitHub's public GraphQL schema as `@octokit/graphql-schema` publishes it, built once per process on
 * first use (the package is loaded only then: it parses a 5 MB introspection file on import).
 * The published SDL defines two `EnterpriseOwnerInfo` fields twice, which graphql-js's SDL validation
 * rejects; the schema itself is sound (`validateSchema` finds nothing), so the SDL check is skipped.
 */
export function githubGraphQLSchema(): Promise<GraphQLSchema> {
  schema ??= import("@octokit/graphql-schema").then((published) =>
    buildSchema(published.schema.idl, { assumeValidSDL: true }),
  );
  return schema;
}
