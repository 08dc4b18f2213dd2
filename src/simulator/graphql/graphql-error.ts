/**
 * The error types GitHub's GraphQL API puts in `errors[].type` (beside `message`, `path`, `locations`).
 * Clients such as Ocean decide on `type` whether an error may be ignored (NOT_FOUND, FORBIDDEN, ...).
 */
export type GitHubGraphQLErrorType =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "INSUFFICIENT_SCOPES"
  | "MISSING_PAGINATION_BOUNDARIES"
  | "EXCESSIVE_PAGINATION"
  | "INVALID_CURSOR_ARGUMENTS"
  | "NOT_IMPLEMENTED";

/** Thrown by a resolver; the endpoint turns it into one entry of `errors` with its `type`. */
export class GitHubGraphQLError extends Error {
  constructor(
    readonly type: GitHubGraphQLErrorType,
    message: string,
  ) {
    super(message);
    this.name = "GitHubGraphQLError";
  }
}

/** GitHub's answer when a token lacks the OAuth scope a field needs. */
export function insufficientScopes(
  field: string,
  required: readonly string[],
  granted: readonly string[],
): GitHubGraphQLError {
  const list = (scopes: readonly string[]) => `[${scopes.map((scope) => `'${scope}'`).join(", ")}]`;
  return new GitHubGraphQLError(
    "INSUFFICIENT_SCOPES",
    `Your token has not been granted the required scopes to execute this query. The '${field}' field requires one of the following scopes: ${list(required)}, but your token has only been granted the: ${list(granted)} scopes. Please modify your token's scopes at: https://github.com/settings/tokens.`,
  );
}
