import type { components } from "@octokit/openapi-types";
import type { PullRequestRecord } from "../state/pull-request.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { nodeId } from "./node-id.js";
import { renderLabel } from "./render-label.js";
import { renderWebhookRepository } from "./render-repository.js";
import { renderSimpleUser } from "./render-simple-user.js";

export type PullRequestSimple = components["schemas"]["pull-request-simple"];
export type PullRequest = components["schemas"]["pull-request"];

/** `pull-request-simple`: an item of `GET /repos/{o}/{r}/pulls`. */
export function renderPullRequestSimple(
  pull: PullRequestRecord,
  repository: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
): PullRequestSimple {
  return pullRequestFields(pull, repository, state, urls);
}

/** The fields both pull request shapes share, in GitHub's order (typed by each shape's caller). */
function pullRequestFields(
  pull: PullRequestRecord,
  repository: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
) {
  const owner = state.getAccount(repository.ownerId);
  const fullName = `${owner.login}/${repository.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  const web = `${urls.web}/${fullName}/pull/${pull.number}`;
  const self = `${api}/pulls/${pull.number}`;
  const issue = `${api}/issues/${pull.number}`;
  const assignees = pull.assigneeIds.map((id) => renderSimpleUser(state.getAccount(id), urls));
  const repo = renderWebhookRepository(repository, state, urls);
  const side = (ref: string, sha: string) => ({
    label: `${owner.login}:${ref}`,
    ref,
    sha,
    user: renderSimpleUser(owner, urls),
    repo,
  });
  return {
    url: self,
    id: pull.id,
    node_id: nodeId("PullRequest", pull.id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: issue,
    number: pull.number,
    state: pull.state,
    locked: pull.locked,
    title: pull.title,
    user: renderSimpleUser(state.getAccount(pull.authorId), urls),
    body: pull.body,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: pull.requestedReviewerIds.map((id) => renderSimpleUser(state.getAccount(id), urls)),
    requested_teams: [],
    labels: pull.labels.flatMap((name) => {
      const label = state.activity.label(repository.id, name);
      // The pull request schema types a label's description as a string.
      return label ? [{ ...renderLabel(label, fullName, urls), description: label.description ?? "" }] : [];
    }),
    milestone: null,
    draft: pull.draft,
    commits_url: `${self}/commits`,
    review_comments_url: `${self}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    head: side(pull.headRef, pull.headSha),
    base: side(pull.baseRef, pull.baseSha),
    _links: {
      self: { href: self },
      html: { href: web },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${self}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${self}/commits` },
      statuses: { href: `${api}/statuses/${pull.headSha}` },
    },
    author_association: (pull.authorId === repository.ownerId ? "OWNER" : "MEMBER") as "OWNER" | "MEMBER",
    auto_merge: null,
    active_lock_reason: null,
  };
}

/** `pull-request`: `GET /repos/{o}/{r}/pulls/{n}` and the `pull_request` webhook add merge state and counts. */
export function renderPullRequest(
  pull: PullRequestRecord,
  repository: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
): PullRequest {
  const simple = pullRequestFields(pull, repository, state, urls);
  const merged = pull.mergedAt !== null;
  return {
    ...simple,
    state: pull.state,
    active_lock_reason: null,
    merged,
    mergeable: pull.state === "open" ? !pull.draft : null,
    rebaseable: pull.state === "open" ? !pull.draft : null,
    mergeable_state: pull.state === "open" ? (pull.draft ? "draft" : "clean") : "unknown",
    merged_by: pull.mergedById === null ? null : renderSimpleUser(state.getAccount(pull.mergedById), urls),
    comments: pull.comments,
    review_comments: pull.reviewComments,
    maintainer_can_modify: false,
    commits: pull.commits,
    additions: pull.additions,
    deletions: pull.deletions,
    changed_files: pull.changedFiles,
  };
}
