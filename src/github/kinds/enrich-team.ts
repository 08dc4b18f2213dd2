/**
 * Adds to one REST team what its selector asks (spec §4.4), for resync and the `team` webhook alike:
 * GraphQL `members.nodes` with the GraphQL-only keys merged in where REST has none (`databaseId`,
 * `notificationSetting`, `members`) and `__graphql_privacy`; enterprise teams (`ent:` slugs, unknown to
 * GraphQL) take their members from REST; SAML emails on members; `__external_group`.
 */
import { isPortolanError } from "../../engine/errors/portolan-error.js";
import type { RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient, RequestScope } from "../client/github-client.js";
import { GRAPHQL_PAGE_SIZE, graphqlQuery } from "../client/github-graphql.js";
import { applySamlEmail, needsSamlEmails, type SamlEmails } from "./saml-emails.js";
import type { TeamSelector } from "./team-selector.js";

const teamFields = `slug id databaseId name description privacy notificationSetting url
      members(first: $first, after: $after) {
        nodes { id login name isSiteAdmin email }
        pageInfo { hasNextPage endCursor }
      }`;

/** One team and a page of its members (the pages after the first of a batch). */
export const teamWithMembersQuery = `query($login: String!, $slug: String!, $first: Int!, $after: String) {
  organization(login: $login) {
    team(slug: $slug) { ${teamFields} }
  }
}`;

/**
 * Several teams in one query (aliases `t0`, `t1`, ...), each with its first page of members: one request
 * per page of REST teams instead of Ocean's one per team, which matters because a credential's GraphQL
 * queries run one at a time (`client/request-pacing.ts`).
 */
export function teamsWithMembersQuery(count: number): string {
  const slugs = Array.from({ length: count }, (_, i) => `$s${i}: String!`).join(", ");
  const teams = Array.from({ length: count }, (_, i) => `t${i}: team(slug: $s${i}) { ${teamFields} }`).join(
    "\n    ",
  );
  return `query($login: String!, $first: Int!, $after: String, ${slugs}) {
  organization(login: $login) {
    ${teams}
  }
}`;
}

export interface GraphQLTeam extends RawObject {
  privacy: string;
  members: { nodes: RawObject[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } };
}

/** Teams asked in one GraphQL query at most (each brings up to 100 members). */
export const TEAMS_PER_QUERY = 25;

/**
 * The GraphQL teams of these slugs with every member page read; a slug GraphQL does not know (an
 * enterprise team, or one deleted meanwhile) maps to null.
 */
export async function fetchGraphQLTeams(
  client: GitHubClient,
  organization: string,
  slugs: readonly string[],
  scope: RequestScope,
): Promise<Map<string, GraphQLTeam | null>> {
  const teams = new Map<string, GraphQLTeam | null>();
  for (let start = 0; start < slugs.length; start += TEAMS_PER_QUERY) {
    const chunk = slugs.slice(start, start + TEAMS_PER_QUERY);
    const variables: Record<string, unknown> = { login: organization, first: GRAPHQL_PAGE_SIZE, after: null };
    chunk.forEach((slug, i) => {
      variables[`s${i}`] = slug;
    });
    const data = await graphqlQuery<{ organization: Record<string, GraphQLTeam | null> | null }>(
      client,
      teamsWithMembersQuery(chunk.length),
      variables,
      { purpose: `reading ${chunk.length} teams of ${organization} and their members`, ...scope },
    );
    for (const [i, slug] of chunk.entries()) {
      const team = data.organization?.[`t${i}`] ?? null;
      teams.set(slug, team === null ? null : await withAllMembers(client, organization, team, scope));
    }
  }
  return teams;
}

/** The team with the member pages after its first one appended, and no `pageInfo`. */
async function withAllMembers(
  client: GitHubClient,
  organization: string,
  team: GraphQLTeam,
  scope: RequestScope,
): Promise<GraphQLTeam> {
  const members = [...team.members.nodes];
  let next = team.members.pageInfo;
  while (next?.hasNextPage && next.endCursor) {
    const data: { organization: { team: GraphQLTeam | null } | null } = await graphqlQuery(
      client,
      teamWithMembersQuery,
      { login: organization, slug: team.slug, first: GRAPHQL_PAGE_SIZE, after: next.endCursor },
      { purpose: `reading members of team ${organization}/${String(team.slug)}`, ...scope },
    );
    const page = data.organization?.team;
    if (!page) break;
    members.push(...page.members.nodes);
    next = page.members.pageInfo;
  }
  const { pageInfo: _pageInfo, ...connection } = team.members;
  return { ...team, members: { ...connection, nodes: members } };
}

/** Errors GitHub gives for external groups of teams that cannot have one (not an error of the kind). */
const noExternalGroup = [
  "This organization is not part of externally managed enterprise.",
  "This team cannot be externally managed since it has explicit members.",
];

export interface TeamEnrichment {
  selector: TeamSelector;
  organization: string;
  samlEmails: () => Promise<SamlEmails>;
  /** GraphQL teams read beforehand for a whole page (`fetchGraphQLTeams`); else read per team. */
  graphqlTeams?: ReadonlyMap<string, GraphQLTeam | null>;
}

export async function enrichTeam(
  client: GitHubClient,
  team: RawObject,
  enrichment: TeamEnrichment,
  scope: RequestScope,
): Promise<RawObject> {
  const { selector, organization } = enrichment;
  const slug = String(team.slug);
  const base = `/orgs/${encodeURIComponent(organization)}/teams/${encodeURIComponent(slug)}`;
  let result: RawObject = { ...team, __organization: organization };
  if (selector.members) {
    let members: RawObject[] | undefined;
    if (slug.startsWith("ent:")) {
      members = [];
      for await (const page of client.pages<RawObject>(
        `GET ${base}/members`,
        {},
        {
          purpose: `listing members of enterprise team ${organization}/${slug}`,
          ...scope,
        },
      )) {
        members.push(...page);
      }
      result.members = { nodes: members };
    } else {
      const graphql = enrichment.graphqlTeams?.has(slug)
        ? (enrichment.graphqlTeams.get(slug) ?? null)
        : ((await fetchGraphQLTeams(client, organization, [slug], scope)).get(slug) ?? null);
      if (graphql !== null) {
        // REST keys win (Ocean merges only what REST lacks), so `id`, `privacy`, `url` stay REST's.
        const missing = Object.entries(graphql).filter(([key]) => !(key in result));
        result = { ...result, ...Object.fromEntries(missing), __graphql_privacy: graphql.privacy };
        members = graphql.members.nodes;
      }
    }
    if (members !== undefined && needsSamlEmails(members, selector.includeSAMLEmail)) {
      const emails = await enrichment.samlEmails();
      result.members = {
        nodes: members.map((member) => applySamlEmail(member, emails, selector.includeSAMLEmail)),
      };
    }
  }
  if (selector.include_external_group) {
    result.__external_group = await externalGroup(client, base, `${organization}/${slug}`, scope);
  }
  return result;
}

async function externalGroup(
  client: GitHubClient,
  base: string,
  team: string,
  scope: RequestScope,
): Promise<unknown> {
  try {
    const answer = await client.get<{ groups?: unknown[] }>(
      `GET ${base}/external-groups`,
      {},
      {
        purpose: `reading the external group of team ${team}`,
        ...scope,
      },
    );
    return answer.groups?.[0] ?? null;
  } catch (error) {
    const cause = isPortolanError(error)
      ? (error.cause as { status?: number; response?: { data?: { message?: string } } })
      : undefined;
    if (cause?.status === 400 && noExternalGroup.includes(cause.response?.data?.message ?? "")) return null;
    throw error;
  }
}
