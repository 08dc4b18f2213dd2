import { READ_ORG_SCOPES } from "../http/organization-access.js";
import type { AccessTokenRecord } from "../state/access-token.js";
import { insufficientScopes } from "./graphql-error.js";

/** Throws GitHub's INSUFFICIENT_SCOPES error unless the token has one of `read:org`, `write:org`, `admin:org`. */
export function requireReadOrg(token: AccessTokenRecord, field: string): void {
  if (!token.scopes.some((scope) => READ_ORG_SCOPES.includes(scope))) {
    throw insufficientScopes(field, READ_ORG_SCOPES, token.scopes);
  }
}
