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

export const teamWithMembersQuery = `query($login: String!, $slug: String!, $first: Int!, $after: String) {
  organization(login: $login) {
    team(slug: $slug) {
      slug id databaseId name description privacy notificationSetting url
      members(first: $first, after: $after) {
        nodes { id login name isSiteAdmin email }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

export interface GraphQLTeam extends RawObject {
  privacy: string;
  members: { nodes: RawObject[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } };
}

/** The GraphQL team with every member page read; null when GraphQL does not know the team. */
export async function fetchGraphQLTeam(
  client: GitHubClient,
  organization: string,
  slug: string,
  scope: RequestScope,
): Promise<GraphQLTeam | null> {
  let team: GraphQLTeam | null = null;
  const members: RawObject[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { organization: { team: GraphQLTeam | null } | null } = await graphqlQuery(
      client,
      teamWithMembersQuery,
      { login: organization, slug, first: GRAPHQL_PAGE_SIZE, after },
      { purpose: `reading team ${organization}/${slug} and its members`, ...scope },
    );
    const page = data.organization?.team ?? null;
    if (page === null) return team;
    team ??= page;
    members.push(...page.members.nodes);
    const next = page.members.pageInfo;
    if (!next?.hasNextPage || !next.endCursor) break;
    after = next.endCursor;
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
      const graphql = await fetchGraphQLTeam(client, organization, slug, scope);
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
