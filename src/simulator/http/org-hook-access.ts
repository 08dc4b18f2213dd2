import { renderOrgHook } from "../shapes/render-org-hook.js";
import { renderOrganizationSimple } from "../shapes/render-organization.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { AccountRecord } from "../state/account.js";
import type { OrgHookRecord } from "../state/org-hook.js";
import { pingEventPayload } from "../webhooks/ping-event-payload.js";
import { sendNotFound } from "./github-error.js";
import type { HookFamily } from "./hook-family.js";
import { roleIn, scopeAllows, tokenReachesAccount } from "./repository-access.js";
import { requireContext } from "./request-context.js";

const DOCS = "https://docs.github.com/rest/orgs/webhooks";

/** What the organization hook endpoints ask for: the classic scope, or the fine-grained permission. */
const HOOKS_READ = {
  config: { acceptedScopes: ["admin:org_hook"], permission: "organization_hooks=read" as const },
};
const HOOKS_WRITE = {
  config: { acceptedScopes: ["admin:org_hook"], permission: "organization_hooks=write" as const },
};

/**
 * Organization webhooks (`/orgs/{org}/hooks`): an owner whose token has `admin:org_hook` (or,
 * fine-grained or an App's, reaches the organization) may use them; anyone else gets `404`, as on GitHub.
 */
export function orgHookFamily(context: SimulatorContext): HookFamily<AccountRecord, OrgHookRecord> {
  const { state } = context;
  return {
    collections: ["/orgs/:org/hooks"],
    docs: {
      list: `${DOCS}#list-organization-webhooks`,
      create: `${DOCS}#create-an-organization-webhook`,
      get: `${DOCS}#get-an-organization-webhook`,
      update: `${DOCS}#update-an-organization-webhook`,
      delete: `${DOCS}#delete-an-organization-webhook`,
      ping: `${DOCS}#ping-an-organization-webhook`,
      getConfig: `${DOCS}#get-a-webhook-configuration-for-an-organization`,
      updateConfig: `${DOCS}#update-a-webhook-configuration-for-an-organization`,
      listDeliveries: `${DOCS}#list-deliveries-for-an-organization-webhook`,
      getDelivery: `${DOCS}#get-a-webhook-delivery-for-an-organization-webhook`,
      redeliver: `${DOCS}#redeliver-a-delivery-for-an-organization-webhook`,
    },
    read: HOOKS_READ,
    write: HOOKS_WRITE,
    remove: HOOKS_WRITE,
    duplicateMessage: "Hook already exists on this organization",
    authorize(request, reply, docs) {
      const { viewer, token } = requireContext(request.github);
      const org = state.findAccount((request.params as { org?: string }).org ?? "");
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
    hooksOf: (org) => state.hooksOf(org.id),
    findHook: (org, id) => (/^\d+$/.test(id) ? state.getHook(org.id, Number(id)) : undefined),
    add(org, fields) {
      const hook: OrgHookRecord = { id: state.allocateHookId(), orgId: org.id, ...fields };
      state.addHook(hook);
      return hook;
    },
    delete: (hook) => state.deleteHook(hook.id),
    collectionUrl: (org, urls) => `${urls.api}/orgs/${org.login}/hooks`,
    render: renderOrgHook,
    ping(hook, org, sender) {
      const urls = context.webhookUrls();
      return pingEventPayload(context.random, urls, {
        hookId: hook.id,
        hook: renderOrgHook(hook, org, urls),
        owner: { organization: renderOrganizationSimple(org, urls) },
        sender,
      });
    },
  };
}
