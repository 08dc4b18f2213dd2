import type { components } from "@octokit/openapi-types";
import type { AccountRecord } from "../state/account.js";
import type { OrgHookRecord } from "../state/org-hook.js";
import type { HookRecord } from "../state/repository-hook.js";
import type { ApiUrls } from "./api-urls.js";

export type OrgHook = components["schemas"]["org-hook"];

/** The mask GitHub shows in place of a webhook secret. */
export const SECRET_MASK = "********";

/** `org-hook` (the `webhook` of the org hooks API). The secret itself is never rendered. */
export function renderOrgHook(hook: OrgHookRecord, org: AccountRecord, urls: ApiUrls): OrgHook {
  return {
    type: "Organization",
    ...renderHookFields(hook, `${urls.api}/orgs/${org.login}/hooks/${hook.id}`),
  };
}

/** What an organization's and a repository's webhook show alike; `api` is the hook's own API URL. */
export function renderHookFields(hook: HookRecord, api: string) {
  return {
    id: hook.id,
    name: hook.name,
    active: hook.active,
    events: [...hook.events],
    config: {
      content_type: hook.config.contentType,
      insecure_ssl: hook.config.insecureSsl,
      ...(hook.config.secret ? { secret: SECRET_MASK } : {}),
      url: hook.config.url,
    },
    updated_at: hook.updatedAt,
    created_at: hook.createdAt,
    url: api,
    ping_url: `${api}/pings`,
    deliveries_url: `${api}/deliveries`,
  };
}
