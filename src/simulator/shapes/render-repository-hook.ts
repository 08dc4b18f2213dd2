import type { components } from "@octokit/openapi-types";
import type { AccountRecord } from "../state/account.js";
import type { DeliveryRecord } from "../state/delivery.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { RepositoryHookRecord } from "../state/repository-hook.js";
import type { ApiUrls } from "./api-urls.js";
import { renderHookFields } from "./render-org-hook.js";

export type RepositoryHook = components["schemas"]["hook"];

/**
 * `last_response` as GitHub shows it: `unused` before any delivery, then the last finished attempt's
 * status code (`active` when it was answered 2xx/3xx, `failed` otherwise).
 */
function lastResponse(last: DeliveryRecord | undefined): RepositoryHook["last_response"] {
  if (!last) return { code: null, status: "unused", message: null };
  const ok = last.statusCode !== null && last.statusCode < 400;
  return {
    code: last.statusCode,
    status: ok ? "active" : "failed",
    message: ok ? "OK" : (last.error ?? `Invalid HTTP Response: ${last.statusCode}`),
  };
}

/** `hook` (a repository webhook). The secret itself is never rendered. */
export function renderRepositoryHook(
  hook: RepositoryHookRecord,
  repository: { record: RepositoryRecord; owner: AccountRecord },
  lastDelivery: DeliveryRecord | undefined,
  urls: ApiUrls,
): RepositoryHook {
  const api = `${urls.api}/repos/${repository.owner.login}/${repository.record.name}/hooks/${hook.id}`;
  return {
    type: "Repository",
    ...renderHookFields(hook, api),
    test_url: `${api}/test`,
    last_response: lastResponse(lastDelivery),
  };
}
