import type { ApiUrls } from "../shapes/api-urls.js";
import { renderOrganizationSimple } from "../shapes/render-organization.js";
import { renderSimpleUser } from "../shapes/render-simple-user.js";
import type { AccountRecord } from "../state/account.js";
import type { GitCommitRecord } from "../state/git-history.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import { NULL_SHA, renderPushRepository } from "./push-repository.js";
import type { WebhookEvent } from "./webhook-dispatcher.js";

/** What one pushed commit changed, relative to its parent. */
export interface PushedCommit {
  commit: GitCommitRecord;
  added: string[];
  removed: string[];
  modified: string[];
}

/**
 * A `push` event for commits of the simulated git history pushed to a branch: `ref`, `before`, `after`, `commits` (with their
 * added/removed/modified paths), `head_commit`, `pusher`, and the push flavour of `repository`, which
 * unlike every other event carries `created_at`/`pushed_at` as epoch seconds, `stargazers`,
 * `master_branch` and `organization` (the login).
 */
export function commitPushEventPayload(
  state: SimulatorState,
  urls: ApiUrls,
  input: {
    repository: RepositoryRecord;
    branch: string;
    before: string;
    commits: PushedCommit[];
    pusher: AccountRecord;
  },
): WebhookEvent {
  const { repository: repo, branch, before, commits, pusher } = input;
  const owner = state.getAccount(repo.ownerId);
  const fullName = `${owner.login}/${repo.name}`;
  const web = `${urls.web}/${fullName}`;
  const last = commits[commits.length - 1];
  const after = last ? last.commit.sha : before;
  const created = before === NULL_SHA;
  const renderPushed = ({ commit, added, removed, modified }: PushedCommit) => {
    const person = {
      name: commit.author.name,
      email: commit.author.email,
      ...(commit.author.login ? { username: commit.author.login } : {}),
    };
    return {
      id: commit.sha,
      tree_id: commit.trees.get("")?.sha ?? "",
      distinct: true,
      message: commit.message,
      timestamp: commit.timestamp,
      url: `${web}/commit/${commit.sha}`,
      author: person,
      committer: person,
      added,
      removed,
      modified,
    };
  };
  const ownerUser = renderSimpleUser(owner, urls);
  const repository = {
    ...renderPushRepository(repo, state, urls),
    owner: { ...ownerUser, name: owner.login, email: owner.email },
    ...(owner.type === "Organization" ? { organization: owner.login } : {}),
  };
  return {
    name: "push",
    action: null,
    payload: {
      ref: `refs/heads/${branch}`,
      before,
      after,
      repository,
      pusher: {
        name: pusher.login,
        email: pusher.email ?? `${pusher.id}+${pusher.login}@users.noreply.github.com`,
      },
      ...(owner.type === "Organization" ? { organization: renderOrganizationSimple(owner, urls) } : {}),
      sender: renderSimpleUser(pusher, urls),
      created,
      deleted: false,
      forced: false,
      base_ref: null,
      compare: created
        ? `${web}/compare/${branch}`
        : `${web}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
      commits: commits.map(renderPushed),
      head_commit: last ? renderPushed(last) : null,
    },
  };
}
