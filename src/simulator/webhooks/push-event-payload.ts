import type { ApiUrls } from "../shapes/api-urls.js";
import type { AccountRecord } from "../state/account.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { NULL_SHA, renderPushRepository } from "./push-repository.js";
import { repositoryEventEnvelope } from "./repository-event-envelope.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

export interface PushedCommit {
  id: string;
  message: string;
  timestamp: string;
  added: string[];
  modified: string[];
  removed: string[];
}

/**
 * A `push` event of commits to a branch. Its `repository` is the push flavour: `created_at` and
 * `pushed_at` as epoch seconds, plus `stargazers` and `master_branch`, as GitHub sends them.
 * `ref` (a full ref, e.g. `refs/tags/v1`) replaces `refs/heads/{branch}`; a created ref has `before`
 * 40 zeros and its `after`; a deleted one has `after` 40 zeros.
 */
export function pushEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: {
    repository: RepositoryRecord;
    branch: string;
    before: string;
    commits: PushedCommit[];
    pusher: AccountRecord;
    ref?: string;
    after?: string;
    created?: boolean;
    deleted?: boolean;
  },
): WebhookEvent {
  const { repository, pusher } = input;
  const owner = state.getAccount(repository.ownerId);
  const fullName = `${owner.login}/${repository.name}`;
  const email = pusher.email ?? `${pusher.id}+${pusher.login}@users.noreply.github.com`;
  const person = { name: pusher.name ?? pusher.login, email, username: pusher.login };
  const commits = input.commits.map((commit) => ({
    id: commit.id,
    tree_id: commit.id.split("").reverse().join(""),
    distinct: true,
    message: commit.message,
    timestamp: commit.timestamp,
    url: `${urls.web}/${fullName}/commit/${commit.id}`,
    author: person,
    committer: person,
    added: commit.added,
    removed: commit.removed,
    modified: commit.modified,
  }));
  const after = input.deleted ? NULL_SHA : (input.after ?? input.commits.at(-1)?.id ?? input.before);
  const envelope = repositoryEventEnvelope(state, urls, repository, pusher);
  return {
    name: "push",
    action: null,
    payload: {
      ref: input.ref ?? `refs/heads/${input.branch}`,
      before: input.before,
      after,
      created: input.created ?? false,
      deleted: input.deleted ?? false,
      forced: false,
      base_ref: null,
      compare: `${urls.web}/${fullName}/compare/${input.before.slice(0, 12)}...${after.slice(0, 12)}`,
      commits,
      head_commit: commits.at(-1) ?? null,
      ...envelope,
      repository: renderPushRepository(repository, state, urls),
      pusher: { name: pusher.login, email },
    },
  };
}
