import type { components } from "@octokit/openapi-types";
import type { IssueRecord } from "../state/issue.js";
import { issueTypesOf } from "../state/issue-type.js";
import type { PullRequestRecord } from "../state/pull-request.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { nodeId } from "./node-id.js";
import { type IssueType, renderIssueType } from "./render-issue-type.js";
import { renderLabel } from "./render-label.js";
import { renderSimpleUser } from "./render-simple-user.js";

/** The OpenAPI `issue`, whose `type` is nullable in the description but not in the generated types. */
export type Issue = Omit<components["schemas"]["issue"], "type"> & { type: IssueType | null };

/** `issue`, as `GET /repos/{o}/{r}/issues[/{n}]` and the `issues` webhook carry it. */
export function renderIssue(
  issue: IssueRecord,
  repository: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
): Issue {
  const fullName = `${state.getAccount(repository.ownerId).login}/${repository.name}`;
  const api = `${urls.api}/repos/${fullName}/issues/${issue.number}`;
  const assignees = issue.assigneeIds.map((id) => renderSimpleUser(state.getAccount(id), urls));
  return {
    url: api,
    repository_url: `${urls.api}/repos/${fullName}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${urls.web}/${fullName}/issues/${issue.number}`,
    id: issue.id,
    node_id: nodeId("Issue", issue.id),
    number: issue.number,
    title: issue.title,
    user: renderSimpleUser(state.getAccount(issue.authorId), urls),
    labels: issue.labels.flatMap((name) => {
      const label = state.activity.label(repository.id, name);
      return label ? [renderLabel(label, fullName, urls)] : [];
    }),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: issue.comments,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: issue.authorId === repository.ownerId ? "OWNER" : "MEMBER",
    active_lock_reason: issue.locked ? "resolved" : null,
    body: issue.body,
    closed_by: issue.closedById === null ? null : renderSimpleUser(state.getAccount(issue.closedById), urls),
    reactions: {
      url: `${api}/reactions`,
      total_count: 0,
      "+1": 0,
      "-1": 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
    type: renderTypeOf(issue, repository, state),
  };
}

/** The issue's type among its organization's, or null when it has none. */
function renderTypeOf(
  issue: IssueRecord,
  repository: RepositoryRecord,
  state: SimulatorState,
): IssueType | null {
  if (issue.typeId === null) return null;
  const type = issueTypesOf(state.getAccount(repository.ownerId)).find(({ id }) => id === issue.typeId);
  return type ? renderIssueType(type) : null;
}

/** A pull request as the issues API shows it: an issue with a `pull_request` key. */
export function renderPullRequestAsIssue(
  pull: PullRequestRecord,
  repository: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
): Issue {
  const issue = renderIssue(
    {
      id: pull.id,
      repositoryId: pull.repositoryId,
      number: pull.number,
      title: pull.title,
      body: pull.body,
      authorId: pull.authorId,
      assigneeIds: pull.assigneeIds,
      labels: pull.labels,
      state: pull.state,
      stateReason: pull.state === "closed" ? "completed" : null,
      locked: pull.locked,
      comments: pull.comments,
      createdAt: pull.createdAt,
      updatedAt: pull.updatedAt,
      closedAt: pull.closedAt,
      closedById: pull.mergedById,
      typeId: null,
    },
    repository,
    state,
    urls,
  );
  const fullName = `${state.getAccount(repository.ownerId).login}/${repository.name}`;
  const web = `${urls.web}/${fullName}/pull/${pull.number}`;
  return {
    ...issue,
    node_id: nodeId("PullRequest", pull.id),
    html_url: web,
    draft: pull.draft,
    pull_request: {
      url: `${urls.api}/repos/${fullName}/pulls/${pull.number}`,
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      merged_at: pull.mergedAt,
    },
  };
}
