/**
 * Kind `user` (spec §4.3): the members of each organization from GraphQL `membersWithRole`
 * (`{login, id, databaseId, email, name}`, a page at a time), or a personal account itself; SAML emails
 * fill members without a public email, and every member gets `__SAMLEmail` when `includeSAMLEmail`.
 */
import { z } from "zod";
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { RequestScope } from "../client/github-client.js";
import { graphqlConnectionPages } from "../client/github-graphql.js";
import type { GitHubAuthenticator } from "../github-authenticator.js";
import type { GitHubContext } from "../github-context.js";
import { parseGitHubMappingOptions } from "../github-mapping-options.js";
import {
  acrossAuthenticators,
  type GitHubAccount,
  isPersonalAccount,
  resolveOrganizations,
} from "./resolve-organizations.js";
import { applySamlEmail, lazySamlEmails, needsSamlEmails } from "./saml-emails.js";

/** Ocean ignores unknown keys of this selector. */
export const userSelectorSchema = z.object({
  includeSAMLEmail: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});

export type UserSelector = z.output<typeof userSelectorSchema>;

export const organizationMembersQuery = `query($login: String!, $first: Int!, $after: String) {
  organization(login: $login) {
    membersWithRole(first: $first, after: $after) {
      nodes { login id databaseId email name }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export const userQuery = `query($login: String!) {
  user(login: $login) { login id databaseId email name }
}`;

export function createUserKind(context: GitHubContext): IntegrationKind<UserSelector> {
  return {
    name: "user",
    selectorSchema: userSelectorSchema,
    async *list(request: KindListRequest<UserSelector>): AsyncIterable<RawObject[]> {
      const options = parseGitHubMappingOptions(request.mappingOptions);
      const scope = { signal: request.signal, traffic: "resync" } as const;
      yield* acrossAuthenticators(context, scope, async function* (authenticator) {
        for await (const accounts of resolveOrganizations(context, authenticator, options, scope)) {
          for (const account of accounts) {
            yield* isPersonalAccount(account)
              ? personalAccount(context, authenticator, account, scope)
              : organizationMembers(context, authenticator, account.login, request.selector, scope);
          }
        }
      });
    },
  };
}

async function* organizationMembers(
  context: GitHubContext,
  authenticator: GitHubAuthenticator,
  organization: string,
  selector: UserSelector,
  scope: RequestScope,
): AsyncIterable<RawObject[]> {
  const samlEmails = lazySamlEmails(authenticator.client, organization, scope, {
    required: selector.includeSAMLEmail,
    onSkipped: (error) =>
      context.logger.warn(
        { organization, err: error },
        "SAML identities unreadable; members without a public email keep none",
      ),
  });
  for await (const members of graphqlConnectionPages<RawObject>(
    authenticator.client,
    organizationMembersQuery,
    { login: organization },
    {
      purpose: `listing members of ${organization}`,
      connectionPath: "organization.membersWithRole",
      ...scope,
    },
  )) {
    if (!needsSamlEmails(members, selector.includeSAMLEmail)) {
      yield members;
      continue;
    }
    const emails = await samlEmails();
    yield members.map((member) => applySamlEmail(member, emails, selector.includeSAMLEmail));
  }
}

/** A personal account is its own only "member"; the token owner's primary email fills a hidden one. */
async function* personalAccount(
  context: GitHubContext,
  authenticator: GitHubAuthenticator,
  account: GitHubAccount,
  scope: RequestScope,
): AsyncIterable<RawObject[]> {
  if (account.email || authenticator.client.tokenKind === "installation") {
    yield [account];
    return;
  }
  const owner = await authenticator.authenticatedUser(scope.signal);
  if (owner.login.toLowerCase() !== account.login.toLowerCase()) {
    yield [account];
    return;
  }
  // GitHub hides this list (404) from tokens without the `user:email` scope: the account keeps no email.
  const emails = await authenticator.client.getOrNull<Array<{ email: string; primary: boolean }>>(
    "GET /user/emails",
    {},
    { purpose: `reading the primary email of ${account.login}`, ...scope },
  );
  if (emails === null) {
    context.logger.warn(
      { account: account.login },
      "GET /user/emails answered 404: give the token the user:email scope to fill the account's email",
    );
  }
  const primary = emails?.find((entry) => entry.primary)?.email;
  yield [primary ? { ...account, email: primary } : account];
}
