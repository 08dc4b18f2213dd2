/**
 * SAML single sign-on emails of an organization's members (spec §4.3): the identity provider's `nameId`
 * per GitHub login, read once per organization and listing. Used by `user` and by `team` members.
 */
import { isPortolanError } from "../../engine/errors/portolan-error.js";
import type { RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient, RequestScope } from "../client/github-client.js";
import { graphqlConnectionPages } from "../client/github-graphql.js";

export const samlIdentitiesQuery = `query($login: String!, $first: Int!, $after: String) {
  organization(login: $login) {
    samlIdentityProvider {
      externalIdentities(first: $first, after: $after) {
        nodes { samlIdentity { nameId } user { login } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

interface ExternalIdentity {
  samlIdentity: { nameId: string | null } | null;
  user: { login: string } | null;
}

/** login (lower case) → SAML `nameId`; empty when the organization has no SAML provider. */
export type SamlEmails = ReadonlyMap<string, string>;

export async function fetchSamlEmails(
  client: GitHubClient,
  organization: string,
  scope: RequestScope,
): Promise<SamlEmails> {
  const emails = new Map<string, string>();
  for await (const identities of graphqlConnectionPages<ExternalIdentity>(
    client,
    samlIdentitiesQuery,
    { login: organization },
    {
      purpose: `reading the SAML identities of ${organization}`,
      connectionPath: "organization.samlIdentityProvider.externalIdentities",
      ...scope,
    },
  )) {
    for (const identity of identities) {
      const login = identity.user?.login;
      const nameId = identity.samlIdentity?.nameId;
      if (login && nameId) emails.set(login.toLowerCase(), nameId);
    }
  }
  return emails;
}

/**
 * The SAML emails of one organization, fetched at most once and only when asked. When SAML emails were
 * not requested (only wanted to fill members without a public email), a refusal (the token is not an
 * organization owner) means "none", as a missing public email is no failure of the kind.
 */
export function lazySamlEmails(
  client: GitHubClient,
  organization: string,
  scope: RequestScope,
  options: { required: boolean; onSkipped: (error: unknown) => void },
): () => Promise<SamlEmails> {
  let emails: Promise<SamlEmails> | undefined;
  return () => {
    emails ??= fetchSamlEmails(client, organization, scope).catch((error: unknown) => {
      if (options.required || !isPortolanError(error) || error.code !== "GITHUB_MISSING_PERMISSION")
        throw error;
      options.onSkipped(error);
      return new Map();
    });
    return emails;
  };
}

/**
 * Ocean's rule: with `includeSAMLEmail` every member gets `__SAMLEmail` (the nameId or null); a member
 * without an email takes the SAML one as `email` (and `__SAMLEmail`) either way.
 */
export function applySamlEmail(member: RawObject, emails: SamlEmails, includeSAMLEmail: boolean): RawObject {
  const login = typeof member.login === "string" ? member.login.toLowerCase() : "";
  const nameId = emails.get(login) ?? null;
  const result: RawObject = { ...member };
  if (includeSAMLEmail) result.__SAMLEmail = nameId;
  if (!member.email && nameId !== null) {
    result.email = nameId;
    result.__SAMLEmail = nameId;
  }
  return result;
}

/** Whether SAML has to be read for these members: asked for, or someone lacks an email. */
export function needsSamlEmails(members: readonly RawObject[], includeSAMLEmail: boolean): boolean {
  return includeSAMLEmail || members.some((member) => !member.email);
}
