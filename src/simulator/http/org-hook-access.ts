import type { FastifyReply, FastifyRequest } from "fastify";
import type { SimulatorContext } from "../simulator-context.js";
import type { AccountRecord } from "../state/account.js";
import type { OrgHookRecord } from "../state/org-hook.js";
import { sendNotFound } from "./github-error.js";
import { hasScope, roleIn } from "./repository-access.js";
import { requireContext } from "./request-context.js";

/** The scope every organization hook endpoint asks for. */
export const HOOK_SCOPES = { config: { acceptedScopes: ["admin:org_hook"] } };

/**
 * Who may use an organization's hooks: an owner whose token has `admin:org_hook`. Anyone else gets
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
        !hasScope(token, "admin:org_hook")
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
