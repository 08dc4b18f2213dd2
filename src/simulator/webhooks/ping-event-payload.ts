import type { Random } from "../random.js";
import type { ApiUrls } from "../shapes/api-urls.js";
import { renderOrgHook } from "../shapes/render-org-hook.js";
import { renderOrganizationSimple } from "../shapes/render-organization.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import type { AccountRecord } from "../state/account.js";
import type { OrgHookRecord } from "../state/org-hook.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

/** A few of the GitHub zen lines that ping payloads carry. */
const ZEN = [
  "Anything added dilutes everything else.",
  "Design for failure.",
  "Favor focus over features.",
  "Keep it logically awesome.",
  "Non-blocking is better than blocking.",
  "Practicality beats purity.",
  "Responsive is better than fast.",
  "Speak like a human.",
];

/** The `ping` event GitHub sends when a hook is created or pinged: `zen`, `hook_id`, `hook`, ... */
export function pingEventPayload(
  random: Random,
  urls: ApiUrls,
  input: { hook: OrgHookRecord; organization: AccountRecord; sender: AccountRecord },
): WebhookEvent {
  return {
    name: "ping",
    action: null,
    payload: {
      zen: random.pick(ZEN),
      hook_id: input.hook.id,
      hook: renderOrgHook(input.hook, input.organization, urls),
      organization: renderOrganizationSimple(input.organization, urls),
      sender: renderSimpleUser(input.sender, urls),
    },
  };
}
