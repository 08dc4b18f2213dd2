import type { FastifyReply, FastifyRequest } from "fastify";
import type { ApiUrls } from "../shapes/api-urls.js";
import type { AccountRecord } from "../state/account.js";
import type { OrgHookRecord } from "../state/org-hook.js";
import type { HookRecord } from "../state/repository-hook.js";
import type { WebhookEvent } from "../webhooks/webhook-dispatcher.js";
import type { GitHubRouteConfig } from "./request-context.js";

/** What a new hook is made of, whatever it belongs to. */
export type HookFields = Omit<OrgHookRecord, "id" | "orgId">;

/** The operations of a hooks API, each with its documentation page (sent with its errors). */
export type HookOperation =
  | "list"
  | "create"
  | "get"
  | "update"
  | "delete"
  | "ping"
  | "getConfig"
  | "updateConfig"
  | "listDeliveries"
  | "getDelivery"
  | "redeliver";

/**
 * One family of webhooks GitHub serves with the same API: an organization's (`/orgs/{org}/hooks`) or a
 * repository's (`/repos/{owner}/{repo}/hooks`). The routes (`hook-routes.ts`, `hook-delivery-routes.ts`)
 * are shared; a family says where its hooks live, who may use them and how they render.
 */
export interface HookFamily<Target, Hook extends HookRecord> {
  /**
   * The collection's fastify paths, each serving the same routes: `/orgs/:org/hooks`; a repository's at
   * `/repos/:owner/:repo/hooks` and `/repositories/:id/hooks`, where a renamed repository's
   * former name redirects.
   */
  collections: readonly string[];
  docs: Record<HookOperation, string>;
  /** Route configs (classic scopes and fine-grained permission) of reads, changes and deletion. */
  read: { config: GitHubRouteConfig };
  write: { config: GitHubRouteConfig };
  remove: { config: GitHubRouteConfig };
  /** The 422 message for a second hook with the same URL. */
  duplicateMessage: string;
  /**
   * The hooks' owner the request names, when the viewer may administer its hooks; otherwise the answer
   * (404, or the redirect of a renamed repository's former name) is sent and undefined returned.
   */
  authorize(request: FastifyRequest, reply: FastifyReply, docs: string): Target | undefined;
  hooksOf(target: Target): Hook[];
  findHook(target: Target, id: string): Hook | undefined;
  /** Stores a new hook of the target. */
  add(target: Target, fields: HookFields): Hook;
  delete(hook: Hook): void;
  /** The collection's API URL, for `Link` headers. */
  collectionUrl(target: Target, urls: ApiUrls): string;
  render(hook: Hook, target: Target, urls: ApiUrls): { url: string; config: unknown };
  /** The `ping` event sent when the hook is created or pinged. */
  ping(hook: Hook, target: Target, sender: AccountRecord): WebhookEvent;
}
