import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { renderWebhookRepository } from "./render-repository.js";

/** The keys of the short repository GitHub embeds in workflow runs (the webhook schema's `repository-lite`). */
const LITE_KEYS = [
  "id",
  "node_id",
  "name",
  "full_name",
  "private",
  "owner",
  "html_url",
  "description",
  "fork",
  "url",
  "forks_url",
  "keys_url",
  "collaborators_url",
  "teams_url",
  "hooks_url",
  "issue_events_url",
  "events_url",
  "assignees_url",
  "branches_url",
  "tags_url",
  "blobs_url",
  "git_tags_url",
  "git_refs_url",
  "trees_url",
  "statuses_url",
  "languages_url",
  "stargazers_url",
  "contributors_url",
  "subscribers_url",
  "subscription_url",
  "commits_url",
  "git_commits_url",
  "comments_url",
  "issue_comment_url",
  "contents_url",
  "compare_url",
  "merges_url",
  "archive_url",
  "downloads_url",
  "issues_url",
  "pulls_url",
  "milestones_url",
  "notifications_url",
  "labels_url",
  "releases_url",
  "deployments_url",
] as const;

type Full = ReturnType<typeof renderWebhookRepository>;
export type RepositoryLite = Pick<Full, (typeof LITE_KEYS)[number]>;

/** `repository` and `head_repository` of a workflow run: identity, owner and URL templates only. */
export function renderRepositoryLite(
  repo: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
): RepositoryLite {
  const full = renderWebhookRepository(repo, state, urls);
  return Object.fromEntries(LITE_KEYS.map((key) => [key, full[key]])) as RepositoryLite;
}
