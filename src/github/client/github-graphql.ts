/**
 * GitHub's GraphQL API through a `GitHubClient` (same credential, throttling, retries and quota as REST):
 * one query, or a connection walked cursor by cursor. GraphQL answers 200 with `errors`; here they fail
 * as `PortolanError`s by GitHub's error `type`, except NOT_FOUND, which leaves its `null` in the data for
 * the caller to read (a team or user that is not there).
 */
import { PortolanError } from "../../engine/errors/portolan-error.js";
import { AdaptivePageSize, isHeavyPageFailure } from "./adaptive-page-size.js";
import type { GitHubClient, RequestScope } from "./github-client.js";

/** GitHub's largest page (`first` ≤ 100); Ocean asks 25 at a time, which costs four times the requests. */
export const GRAPHQL_PAGE_SIZE = 100;

interface GraphQLErrorEntry {
  type?: string;
  message?: string;
  path?: Array<string | number>;
}

/**
 * The GraphQL endpoint of a REST base URL: `https://api.github.com/graphql`, and for GitHub Enterprise
 * Server (`…/api/v3`) `…/api/graphql`.
 */
export function graphqlUrl(restBaseUrl: string): string {
  const url = new URL(restBaseUrl);
  const path = url.pathname.startsWith("/api/") ? "/api/graphql" : "/graphql";
  return `${url.origin}${path}`;
}

export interface GraphQLRequestOptions extends RequestScope {
  /** What the integration was doing, for error messages. */
  purpose: string;
  /** How to give the credential what a FORBIDDEN answer says it lacks (default: organization members). */
  permissionHint?: string;
}

/** One query; `data` as GitHub answers it (with `null` where an object was not found). */
export async function graphqlQuery<T>(
  client: GitHubClient,
  query: string,
  variables: Record<string, unknown>,
  options: GraphQLRequestOptions,
): Promise<T> {
  const url = graphqlUrl(client.baseUrl);
  const response = await client.request<{ data?: T | null; errors?: GraphQLErrorEntry[] }>(
    `POST ${url}`,
    {},
    { ...options, body: { query, variables } },
  );
  const errors = (response.data.errors ?? []).filter((error) => error.type !== "NOT_FOUND");
  if (errors.length > 0) throw graphqlError(errors, options, url);
  if (response.data.data == null) {
    throw new PortolanError(
      "GITHUB_GRAPHQL_FAILED",
      `GitHub's GraphQL API answered no data while ${options.purpose}.`,
      {
        where: { source: `POST ${url}` },
      },
    );
  }
  return response.data.data;
}

const MEMBERS_PERMISSION_HINT =
  "give the token Organization permissions › Members: read-only (fine-grained token) or the `read:org` scope (classic token)";

function graphqlError(
  errors: GraphQLErrorEntry[],
  { purpose, permissionHint = MEMBERS_PERMISSION_HINT }: GraphQLRequestOptions,
  url: string,
): PortolanError {
  const where = { source: `POST ${url}` };
  const text = errors.map((error) => `${error.type ?? "ERROR"}: ${error.message ?? ""}`).join("; ");
  const permission = errors.find(
    (error) => error.type === "INSUFFICIENT_SCOPES" || error.type === "FORBIDDEN",
  );
  if (permission) {
    return new PortolanError("GITHUB_MISSING_PERMISSION", `GitHub refused while ${purpose}: ${text}`, {
      where,
      hint: permissionHint,
    });
  }
  return new PortolanError("GITHUB_GRAPHQL_FAILED", `GitHub's GraphQL API failed while ${purpose}: ${text}`, {
    where,
  });
}

/** The value at a dot path (`organization.membersWithRole`), or undefined where a step is missing. */
function at(data: unknown, path: string): unknown {
  let current = data;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

interface ConnectionPage<Node> {
  nodes?: Node[];
  pageInfo?: { endCursor?: string | null; hasNextPage?: boolean };
}

/**
 * The nodes of one connection, a page at a time: `query` takes `$first` and `$after` for the connection
 * at `connectionPath`. Stops when the connection is null (its owner was not found), empty, or has no next page.
 * A page GitHub times out on is asked again, from the same cursor, at half the size; the size grows
 * back once pages pass again.
 */
export async function* graphqlConnectionPages<Node>(
  client: GitHubClient,
  query: string,
  variables: Record<string, unknown>,
  options: GraphQLRequestOptions & { connectionPath: string; pageSize?: number },
): AsyncIterable<Node[]> {
  let after: string | null = null;
  const size = new AdaptivePageSize(options.pageSize ?? GRAPHQL_PAGE_SIZE);
  for (;;) {
    let data: unknown;
    try {
      data = await graphqlQuery<unknown>(
        client,
        query,
        { ...variables, first: size.current, after },
        options,
      );
    } catch (error) {
      if (!isHeavyPageFailure(error) || !size.shrink()) throw error;
      client.logger.warn(
        { purpose: options.purpose, pageSize: size.current },
        "GitHub timed out on a GraphQL page: asking again with a smaller page",
      );
      continue;
    }
    size.passedPage();
    const connection = at(data, options.connectionPath) as ConnectionPage<Node> | null | undefined;
    const nodes = connection?.nodes ?? [];
    if (nodes.length > 0) yield nodes;
    const next = connection?.pageInfo;
    if (nodes.length === 0 || !next?.hasNextPage || !next.endCursor) return;
    after = next.endCursor;
  }
}
