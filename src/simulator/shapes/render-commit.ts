import type { components } from "@octokit/openapi-types";
import type { CommitRecord } from "../state/commit.js";
import type { CommitComparison } from "../state/commits-store.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { renderSimpleUser } from "./render-simple-user.js";

export type Commit = components["schemas"]["commit"];
export type CommitComparisonBody = components["schemas"]["commit-comparison"];

function repositoryUrls(repositoryId: number, state: SimulatorState, urls: ApiUrls) {
  const repository = state.getRepository(repositoryId);
  if (!repository) throw new Error(`simulator state has no repository ${repositoryId}`);
  const fullName = `${state.getAccount(repository.ownerId).login}/${repository.name}`;
  return { api: `${urls.api}/repos/${fullName}`, web: `${urls.web}/${fullName}` };
}

/** `commit`: `GET /repos/{o}/{r}/commits/{ref}` and the items of a comparison. */
export function renderCommit(commit: CommitRecord, state: SimulatorState, urls: ApiUrls): Commit {
  const { api, web } = repositoryUrls(commit.repositoryId, state, urls);
  const history = state.commits.historyOf(commit.repositoryId);
  const parent = history[history.findIndex((entry) => entry.sha === commit.sha) - 1];
  const author = state.getAccount(commit.authorId);
  const person = {
    name: author.name ?? author.login,
    email: author.email ?? `${author.id}+${author.login}@users.noreply.github.com`,
    date: commit.date,
  };
  const tree = commit.sha.split("").reverse().join("");
  return {
    sha: commit.sha,
    node_id: Buffer.from(`06:Commit${commit.repositoryId}:${commit.sha}`).toString("base64"),
    url: `${api}/commits/${commit.sha}`,
    html_url: `${web}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: person,
      committer: person,
      message: commit.message,
      comment_count: 0,
      tree: { sha: tree, url: `${api}/git/trees/${tree}` },
    },
    author: renderSimpleUser(author, urls),
    committer: renderSimpleUser(author, urls),
    parents: parent
      ? [{ sha: parent.sha, url: `${api}/commits/${parent.sha}`, html_url: `${web}/commit/${parent.sha}` }]
      : [],
  };
}

/** `commit-comparison`: `GET /repos/{o}/{r}/compare/{base}...{head}` of a linear history. */
export function renderCommitComparison(
  input: { base: CommitRecord; head: CommitRecord; comparison: CommitComparison },
  state: SimulatorState,
  urls: ApiUrls,
): CommitComparisonBody {
  const { api, web } = repositoryUrls(input.base.repositoryId, state, urls);
  const range = `${input.base.sha}...${input.head.sha}`;
  const { comparison } = input;
  const mergeBase = comparison.status === "behind" ? input.head : input.base;
  return {
    url: `${api}/compare/${range}`,
    html_url: `${web}/compare/${range}`,
    permalink_url: `${web}/compare/${range}`,
    diff_url: `${web}/compare/${range}.diff`,
    patch_url: `${web}/compare/${range}.patch`,
    base_commit: renderCommit(input.base, state, urls),
    merge_base_commit: renderCommit(mergeBase, state, urls),
    status: comparison.status,
    ahead_by: comparison.aheadBy,
    behind_by: comparison.behindBy,
    total_commits: comparison.commits.length,
    commits: comparison.commits.map((commit) => renderCommit(commit, state, urls)),
    files: [],
  };
}
