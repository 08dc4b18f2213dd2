import type { FastifyReply, FastifyRequest } from "fastify";
import type { SimulatorContext } from "../simulator-context.js";
import type { AccountRecord } from "../state/account.js";
import type { OrgHookRecord } from "../state/org-hook.js";
import { sendNotFound } from "./github-error.js";
import { roleIn, scopeAllows, tokenReachesAccount } from "./repository-access.js";
import { requireContext } from "./request-context.js";

/** What the organization hook endpoints ask for: the classic scope, or the fine-grained permission. */
export const HOOKS_READ = {
  config: { acceptedScopes: ["admin:org_hook"], permission: "organization_hooks=read" as const },
};
export const HOOKS_WRITE = {
  config: { acceptedScopes: ["admin:org_hook"], permission: "organization_hooks=write" as const },
};

/**
 * Who may use an organization's hooks: an owner whose token has `admin:org_hook` (or, fine-grained or
 * an App's, reaches the organization). Anyone else gets
 * `404`, as on GitHub (the answer is sent, and undefined returned).
 */
export function orgHookAccess(context: SimulatorContext) {
  const { state } = context;
  return {
    authorizedOrg(
      request: FastifyRequest,
      reply: FastifyReply,
      login: string,
      docs: string,
    ): AccountRecord | undefined {
      const { viewer, token } = requireContext(request.github);
      const org = state.findAccount(login);
      if (
        org?.type !== "Organization" ||
        roleIn(org, viewer) !== "admin" ||
        !scopeAllows(token, "admin:org_hook") ||
        !tokenReachesAccount(token, org.id)
      ) {
        sendNotFound(reply, docs);
        return undefined;
      }
      return org;
    },
    findHook(org: AccountRecord, id: string): OrgHookRecord | undefined {
      return /^\d+$/.test(id) ? state.getHook(org.id, Number(id)) : undefined;
    },
  };
}
