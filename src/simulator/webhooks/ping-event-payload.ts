import type { Random } from "../random.js";
import type { ApiUrls } from "../shapes/api-urls.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import type { AccountRecord } from "../state/account.js";
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

/**
 * The `ping` event GitHub sends when a hook is created or pinged: `zen`, `hook_id`, `hook` (as its API
 * renders it), what the hook belongs to (`organization`, or `repository` and its organization), `sender`.
 */
export function pingEventPayload(
  random: Random,
  urls: ApiUrls,
  input: { hookId: number; hook: unknown; owner: Record<string, unknown>; sender: AccountRecord },
): WebhookEvent {
  return {
    name: "ping",
    action: null,
    payload: {
      zen: random.pick(ZEN),
      hook_id: input.hookId,
      hook: input.hook,
      ...input.owner,
      sender: renderSimpleUser(input.sender, urls),
    },
  };
}
