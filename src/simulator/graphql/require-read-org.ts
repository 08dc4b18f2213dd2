import { notAccessibleMessage } from "../http/fine-grained-permission.js";
import { READ_ORG_SCOPES } from "../http/organization-access.js";
import type { AccessTokenRecord } from "../state/access-token.js";
import type { AccountRecord } from "../state/account.js";
import { grantHolds } from "../state/token-grant.js";
import { GitHubGraphQLError, insufficientScopes } from "./graphql-error.js";

/**
 * Guards an organization's members and teams as GitHub does: a classic token needs one of `read:org`,
 * `write:org`, `admin:org` (INSUFFICIENT_SCOPES); a fine-grained or installation token needs the
 * `members` read permission on this very organization (FORBIDDEN, "Resource not accessible by …").
 */
export function requireReadOrg(token: AccessTokenRecord, org: AccountRecord, field: string): void {
  if (token.grant) {
    if (token.grant.ownerId !== org.id || !grantHolds(token.grant, "members=read")) {
      throw new GitHubGraphQLError("FORBIDDEN", notAccessibleMessage(token));
    }
    return;
  }
  if (!token.scopes.some((scope) => READ_ORG_SCOPES.includes(scope))) {
    throw insufficientScopes(field, READ_ORG_SCOPES, token.scopes);
  }
}
