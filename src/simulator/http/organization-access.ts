import type { FastifyReply, FastifyRequest } from "fastify";
import type { AccountRecord } from "../state/account.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { sendNotFound } from "./github-error.js";
import { tokenReachesAccount } from "./repository-access.js";
import { requireContext } from "./request-context.js";

/** OAuth scopes that read an organization's members and teams. */
export const READ_ORG_SCOPES: readonly string[] = ["read:org", "write:org", "admin:org"];

/**
 * The organization a `/orgs/{org}/...` members-or-teams request names, or the 404 GitHub answers when it
 * is unknown, the viewer is not a member, a fine-grained or installation token belongs to another
 * account, or a classic token lacks `read:org` (GitHub hides private
 * organization data behind 404, naming the scopes it accepts in `X-Accepted-OAuth-Scopes`).
 */
export function resolveOrganizationForMembers(
  state: SimulatorState,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { org: string; documentationUrl: string },
): AccountRecord | undefined {
  const { viewer, token } = requireContext(request.github);
  const org = state.findAccount(input.org);
  if (
    org?.type !== "Organization" ||
    !org.members.has(viewer.id) ||
    !tokenReachesAccount(token, org.id) ||
    (token.kind === "classic" && !token.scopes.some((scope) => READ_ORG_SCOPES.includes(scope)))
  ) {
    sendNotFound(reply, input.documentationUrl);
    return undefined;
  }
  return org;
}
