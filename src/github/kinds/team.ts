/**
 * Kind `team` (spec §4.4): `GET /orgs/{o}/teams` of every organization (personal accounts have none), a
 * page at a time, each team enriched as its selector asks (see `enrich-team.ts`), with `__organization`.
 * The GraphQL members of a page's teams are read in batched queries (Ocean: one query per team).
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import { mapConcurrent } from "../map-concurrent.js";
import { enrichTeam, fetchGraphQLTeams } from "./enrich-team.js";
import { acrossAuthenticators, isPersonalAccount, resolveOrganizations } from "./resolve-organizations.js";
import { lazySamlEmails } from "./saml-emails.js";
import { type TeamSelector, teamSelectorSchema } from "./team-selector.js";

/** Teams of one page enriched at the same time (Ocean: one after the other). */
const enrichmentConcurrency = 5;

export function createTeamKind(context: GitHubContext): IntegrationKind<TeamSelector> {
  return {
    name: "team",
    selectorSchema: teamSelectorSchema,
    async *list(request: KindListRequest<TeamSelector>): AsyncIterable<RawObject[]> {
      const options = parseGitHubMappingOptions(request.mappingOptions);
      const selector = request.selector;
      const scope = { signal: request.signal, traffic: "resync" } as const;
      yield* acrossAuthenticators(context, scope, async function* (authenticator) {
        const { client } = authenticator;
        for await (const accounts of resolveOrganizations(context, authenticator, options, scope)) {
          for (const account of accounts) {
            if (isPersonalAccount(account)) continue;
            const organization = account.login;
            const enrichment = {
              selector,
              organization,
              samlEmails: lazySamlEmails(client, organization, scope, {
                required: selector.includeSAMLEmail,
                onSkipped: (error: unknown) =>
                  context.logger.warn(
                    { organization, err: error },
                    "SAML identities unreadable; team members without a public email keep none",
                  ),
              }),
            };
            for await (const teams of client.pages<RawObject>(
              "GET /orgs/{org}/teams",
              { org: organization },
              { purpose: `listing teams of ${organization}`, ...scope },
            )) {
              const slugs = teams.map((team) => String(team.slug)).filter((slug) => !slug.startsWith("ent:"));
              const graphqlTeams = selector.members
                ? await fetchGraphQLTeams(client, organization, slugs, scope)
                : undefined;
              yield await mapConcurrent(teams, enrichmentConcurrency, (team) =>
                enrichTeam(client, team, { ...enrichment, ...(graphqlTeams ? { graphqlTeams } : {}) }, scope),
              );
            }
          }
        }
      });
    },
  };
}
