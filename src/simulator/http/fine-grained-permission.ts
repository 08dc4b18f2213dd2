import type { FastifyReply } from "fastify";
import type { AccessTokenRecord } from "../state/access-token.js";
import { grantHolds, type RequiredPermission } from "../state/token-grant.js";
import { githubErrorBody, REST_DOCS } from "./github-error.js";

/** GitHub's 403 message for a fine-grained actor lacking a permission: a fine-grained PAT or an App. */
export function notAccessibleMessage(token: AccessTokenRecord): string {
  return token.kind === "installation"
    ? "Resource not accessible by integration"
    : "Resource not accessible by personal access token";
}

/**
 * Answers GitHub's 403 when a fine-grained or installation token lacks `required`, naming it in
 * `X-Accepted-GitHub-Permissions`, and says whether it did. Classic tokens are judged by their scopes
 * instead. Routes declare their permission in their `config` (checked for every request); this is called
 * directly only where one route serves two resources.
 */
export function sendIfMissingPermission(
  reply: FastifyReply,
  token: AccessTokenRecord,
  required: RequiredPermission | undefined,
  documentationUrl: string = REST_DOCS,
): boolean {
  if (!token.grant || required === undefined || grantHolds(token.grant, required)) return false;
  reply
    .code(403)
    .header("x-accepted-github-permissions", required)
    .send(githubErrorBody(403, notAccessibleMessage(token), documentationUrl));
  return true;
}
