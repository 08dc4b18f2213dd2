/**
 * The gate of the pull-request, issue, release, tag and branch processors: `openRepositoryScopedEvent`
 * (account synced, `repositoryType`, installation, `repoSearch`), plus what these processors also read —
 * the payload's repository object (`__repository_object`, `default_branch`) and the action.
 */
import type { EventResource, LiveEvent, RawObject } from "../../engine/integration/integration.js";
import type { GitHubClient } from "../client/github-client.js";
import type { GitHubContext } from "../github-context.js";
import type { RepoSearch } from "../kinds/repo-search.js";
import type { ItemRepository } from "../kinds/repository-item-fields.js";
import { openRepositoryScopedEvent } from "./repository-scoped-event.js";

export interface RepositoryItemDelivery extends ItemRepository {
  repository: RawObject & { name: string };
  client: GitHubClient;
  /** `repository.owner.login`: the account in request paths. */
  owner: string;
  action: string;
}

/** The delivery's repository and client, or null when this resource does not take the delivery. */
export async function readRepositoryItemDelivery(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
  repoSearch: RepoSearch,
): Promise<RepositoryItemDelivery | null> {
  const opened = await openRepositoryScopedEvent(context, event, resource, repoSearch);
  if (opened === undefined) return null;
  return {
    client: opened.client,
    owner: opened.owner,
    organization: opened.organization,
    // Validated by openRepositoryScopedEvent (id, name, owner.login).
    repository: event.payload.repository as RawObject & { name: string },
    action: typeof event.payload.action === "string" ? event.payload.action : "",
  };
}
