import type { components } from "@octokit/openapi-types";
import type { GitCommitRecord, GitPerson } from "../state/git-history.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { renderSimpleUser } from "./render-simple-user.js";

type Commit = components["schemas"]["commit"];

/** A commit's legacy node id: base64 of `06:Commit<repository id>:<sha>`. */
function commitNodeId(commit: GitCommitRecord): string {
  return Buffer.from(`06:Commit${commit.repositoryId}:${commit.sha}`).toString("base64");
}

/** `commit` of the file-backed git history (without `stats`/`files`), as `compare` and `commits` list them. */
export function renderGitCommit(
  commit: GitCommitRecord,
  context: { state: SimulatorState; urls: ApiUrls; fullName: string },
): Commit {
  const { urls, fullName, state } = context;
  const api = `${urls.api}/repos/${fullName}`;
  const web = `${urls.web}/${fullName}`;
  const person = (who: GitPerson) => ({ name: who.name, email: who.email, date: commit.timestamp });
  const account = commit.author.login === null ? undefined : state.findAccount(commit.author.login);
  const user = account ? renderSimpleUser(account, urls) : null;
  const root = commit.trees.get("");
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: commitNodeId(commit),
    html_url: `${web}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: person(commit.author),
      committer: person(commit.author),
      message: commit.message,
      comment_count: 0,
      tree: { sha: root?.sha ?? "", url: `${api}/git/trees/${root?.sha ?? ""}` },
      verification: {
        verified: false,
        reason: "unsigned",
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author: user,
    committer: user,
    parents: commit.parentSha
      ? [
          {
            sha: commit.parentSha,
            url: `${api}/commits/${commit.parentSha}`,
            html_url: `${web}/commit/${commit.parentSha}`,
          },
        ]
      : [],
  };
}
