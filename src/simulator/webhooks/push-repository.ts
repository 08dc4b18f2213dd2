import type { ApiUrls } from "../shapes/api-urls.js";
import { renderWebhookRepository } from "../shapes/render-repository.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";

/** The sha a push event carries as `before` when it creates the ref, and as `after` when it deletes it. */
export const NULL_SHA = "0".repeat(40);

function epochSeconds(time: string): number {
  return Math.floor(Date.parse(time) / 1000);
}

/**
 * The `repository` of a push event, the push flavour: unlike every other event's, `created_at` and
 * `pushed_at` as epoch seconds, plus `stargazers` and `master_branch`, as GitHub sends them.
 */
export function renderPushRepository(repository: RepositoryRecord, state: SimulatorState, urls: ApiUrls) {
  return {
    ...renderWebhookRepository(repository, state, urls),
    created_at: epochSeconds(repository.createdAt),
    pushed_at: epochSeconds(repository.pushedAt),
    stargazers: repository.stargazersCount,
    master_branch: repository.defaultBranch,
  };
}
