import { renderRepositoryHook } from "../shapes/render-repository-hook.js";
import type { SimulatorContext } from "../simulator-context.js";
import type { DeliveryRecord } from "../state/delivery.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { RepositoryHookRecord } from "../state/repository-hook.js";
import type { RepositoryLookup } from "../state/simulator-state.js";
import { grantCoversRepository } from "../state/token-grant.js";
import { pingEventPayload } from "../webhooks/ping-event-payload.js";
import { repositoryEventEnvelope } from "../webhooks/repository-event-envelope.js";
import { sendNotFound } from "./github-error.js";
import type { HookFamily } from "./hook-family.js";
import { repositoryViewer, scopeAllowsAny } from "./repository-access.js";
import { type GitHubRouteConfig, requireContext } from "./request-context.js";
import { resolveRepository } from "./resolve-repository.js";

const DOCS = "https://docs.github.com/rest/repos/webhooks";

/**
 * Classic scopes GitHub accepts for repository hooks: `read:repo_hook` to read, `write:repo_hook` to
 * change, `admin:repo_hook` to delete (each implying the ones before), or `repo` for all.
 */
const READ_SCOPES = ["read:repo_hook", "write:repo_hook", "admin:repo_hook", "repo"];
const WRITE_SCOPES = ["write:repo_hook", "admin:repo_hook", "repo"];
const DELETE_SCOPES = ["admin:repo_hook", "repo"];

/**
 * Repository webhooks (`/repos/{owner}/{repo}/hooks`, and `/repositories/{id}/hooks`, where a renamed
 * repository's former name redirects): whoever administers the repository (its owner, or an admin of its
 * organization) with one of the scopes above, or a fine-grained or installation token whose grant covers
 * the repository with the `repository_hooks` permission. Anyone else gets `404`, as on GitHub.
 */
export function repositoryHookFamily(
  context: SimulatorContext,
): HookFamily<RepositoryRecord, RepositoryHookRecord> {
  const { state } = context;
  const lastDelivery = (hookId: number): DeliveryRecord | undefined =>
    state.deliveries().findLast((delivery) => delivery.hookId === hookId && delivery.done);
  const render: HookFamily<RepositoryRecord, RepositoryHookRecord>["render"] = (hook, repository, urls) =>
    renderRepositoryHook(
      hook,
      { record: repository, owner: state.getAccount(repository.ownerId) },
      lastDelivery(hook.id),
      urls,
    );
  const repositoryById = (id: string): RepositoryLookup => {
    const repository = /^\d+$/.test(id) ? state.getRepository(Number(id)) : undefined;
    return repository && { repository, movedFrom: null };
  };
  const routeConfig = (scopes: string[], access: "read" | "write") => ({
    config: { acceptedScopes: scopes, permission: `repository_hooks=${access}` as const },
  });
  return {
    collections: ["/repos/:owner/:repo/hooks", "/repositories/:id/hooks"],
    docs: {
      list: `${DOCS}#list-repository-webhooks`,
      create: `${DOCS}#create-a-repository-webhook`,
      get: `${DOCS}#get-a-repository-webhook`,
      update: `${DOCS}#update-a-repository-webhook`,
      delete: `${DOCS}#delete-a-repository-webhook`,
      ping: `${DOCS}#ping-a-repository-webhook`,
      getConfig: `${DOCS}#get-a-webhook-configuration-for-a-repository`,
      updateConfig: `${DOCS}#update-a-webhook-configuration-for-a-repository`,
      listDeliveries: `${DOCS}#list-deliveries-for-a-repository-webhook`,
      getDelivery: `${DOCS}#get-a-delivery-for-a-repository-webhook`,
      redeliver: `${DOCS}#redeliver-a-delivery-for-a-repository-webhook`,
    },
    read: routeConfig(READ_SCOPES, "read"),
    write: routeConfig(WRITE_SCOPES, "write"),
    remove: routeConfig(DELETE_SCOPES, "write"),
    duplicateMessage: "Hook already exists on this repository",
    authorize(request, reply, docs) {
      const params = request.params as { owner?: string; repo?: string; id?: string };
      const { viewer, token } = requireContext(request.github);
      const found =
        params.id === undefined
          ? state.findRepository(params.owner ?? "", params.repo ?? "")
          : repositoryById(params.id);
      // The route's own accepted scopes: reading, changing and deleting each accept different ones. A
      // `*:repo_hook` scope reaches the hooks of private repositories without `repo`.
      const scopes = (request.routeOptions.config as GitHubRouteConfig).acceptedScopes ?? [];
      if (
        !found ||
        (token.grant && !grantCoversRepository(token.grant, found.repository)) ||
        !repositoryViewer(found.repository, state, viewer).permissions.admin ||
        !scopeAllowsAny(token, scopes)
      ) {
        sendNotFound(reply, docs);
        return undefined;
      }
      if (found.movedFrom === null) return found.repository;
      const path = request.url.split("?")[0] ?? "";
      // A former name: GitHub's redirect to `/repositories/{id}/hooks…` (answered by `resolveRepository`).
      resolveRepository(state, request, reply, {
        owner: params.owner ?? "",
        repo: params.repo ?? "",
        rest: /^(?:\/api\/v3)?\/repos\/[^/]+\/[^/]+(\/.*)$/.exec(path)?.[1] ?? "/hooks",
        documentationUrl: docs,
      });
      return undefined;
    },
    hooksOf: (repository) => state.repositoryHooksOf(repository.id),
    findHook: (repository, id) =>
      /^\d+$/.test(id) ? state.getRepositoryHook(repository.id, Number(id)) : undefined,
    add(repository, fields) {
      const hook: RepositoryHookRecord = {
        id: state.allocateHookId(),
        repositoryId: repository.id,
        ...fields,
      };
      state.addRepositoryHook(hook);
      return hook;
    },
    delete: (hook) => state.deleteRepositoryHook(hook.id),
    collectionUrl: (repository, urls) =>
      `${urls.api}/repos/${state.getAccount(repository.ownerId).login}/${repository.name}/hooks`,
    render,
    ping(hook, repository, sender) {
      const urls = context.webhookUrls();
      return pingEventPayload(context.random, urls, {
        hookId: hook.id,
        hook: render(hook, repository, urls),
        owner: repositoryEventEnvelope(state, urls, repository, sender),
        sender,
      });
    },
  };
}
