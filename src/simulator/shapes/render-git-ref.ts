import type { components } from "@octokit/openapi-types";
import type { BranchRecord, TagRecord } from "../state/git-ref.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";
import type { ApiUrls } from "./api-urls.js";
import { nodeId } from "./node-id.js";
import { renderSimpleUser } from "./render-simple-user.js";

export type Tag = components["schemas"]["tag"];
export type GitRef = components["schemas"]["git-ref"];
export type ShortBranch = components["schemas"]["short-branch"];
export type BranchWithProtection = components["schemas"]["branch-with-protection"];
export type BranchProtection = components["schemas"]["branch-protection"];

function fullNameOf(repository: RepositoryRecord, state: SimulatorState): string {
  return `${state.getAccount(repository.ownerId).login}/${repository.name}`;
}

/** `tag`: an item of `GET /repos/{o}/{r}/tags`. */
export function renderTag(
  tag: TagRecord,
  repository: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
): Tag {
  const api = `${urls.api}/repos/${fullNameOf(repository, state)}`;
  return {
    name: tag.name,
    zipball_url: `${api}/zipball/refs/tags/${encodeURIComponent(tag.name)}`,
    tarball_url: `${api}/tarball/refs/tags/${encodeURIComponent(tag.name)}`,
    commit: { sha: tag.sha, url: `${api}/commits/${tag.sha}` },
    node_id: nodeId("Ref", `${repository.id}:refs/tags/${tag.name}`),
  };
}

/** `git-ref`: `GET /repos/{o}/{r}/git/ref/{ref}` (a tag or branch ref pointing at a commit). */
export function renderGitRef(
  ref: string,
  sha: string,
  repository: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
): GitRef {
  const api = `${urls.api}/repos/${fullNameOf(repository, state)}`;
  return {
    ref,
    node_id: nodeId("Ref", `${repository.id}:${ref}`),
    url: `${api}/git/${ref.split("/").map(encodeURIComponent).join("/")}`,
    object: { sha, type: "commit", url: `${api}/git/commits/${sha}` },
  };
}

/** `short-branch`: an item of `GET /repos/{o}/{r}/branches`. */
export function renderShortBranch(
  branch: BranchRecord,
  repository: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
): ShortBranch {
  const api = `${urls.api}/repos/${fullNameOf(repository, state)}`;
  return {
    name: branch.name,
    commit: { sha: branch.sha, url: `${api}/commits/${branch.sha}` },
    protected: branch.protection !== null,
    protection: {
      enabled: branch.protection !== null,
      required_status_checks: {
        enforcement_level: branch.protection ? "non_admins" : "off",
        contexts: branch.protection?.requiredStatusChecks ?? [],
        checks: (branch.protection?.requiredStatusChecks ?? []).map((context) => ({ context, app_id: null })),
      },
    },
    protection_url: `${api}/branches/${encodeURIComponent(branch.name)}/protection`,
  };
}

/** `branch-with-protection`: `GET /repos/{o}/{r}/branches/{branch}`, with the head commit in full. */
export function renderBranchWithProtection(
  branch: BranchRecord,
  repository: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
): BranchWithProtection {
  const fullName = fullNameOf(repository, state);
  const api = `${urls.api}/repos/${fullName}`;
  const commit = state.git.findCommit(repository.id, branch.sha);
  const login = commit?.author.login;
  const author = (login ? state.findAccount(login) : undefined) ?? state.getAccount(repository.ownerId);
  const person = {
    name: commit?.author.name ?? author.name ?? author.login,
    email: commit?.author.email ?? `${author.login}@users.noreply.example.dev`,
    date: commit?.timestamp ?? repository.pushedAt,
  };
  const tree = commit?.trees.get("")?.sha ?? branch.sha.split("").reverse().join("");
  const short = renderShortBranch(branch, repository, state, urls);
  return {
    name: branch.name,
    commit: {
      sha: branch.sha,
      node_id: Buffer.from(`06:Commit${repository.id}:${branch.sha}`).toString("base64"),
      commit: {
        author: person,
        committer: person,
        message: commit?.message ?? "Initial commit",
        tree: { sha: tree, url: `${api}/git/trees/${tree}` },
        url: `${api}/git/commits/${branch.sha}`,
        comment_count: 0,
        verification: {
          verified: false,
          reason: "unsigned",
          signature: null,
          payload: null,
          verified_at: null,
        },
      },
      url: `${api}/commits/${branch.sha}`,
      html_url: `${urls.web}/${fullName}/commit/${branch.sha}`,
      comments_url: `${api}/commits/${branch.sha}/comments`,
      author: renderSimpleUser(author, urls),
      committer: renderSimpleUser(author, urls),
      parents: (commit?.parentSha ? [commit.parentSha] : []).map((sha) => ({
        sha,
        url: `${api}/commits/${sha}`,
        html_url: `${urls.web}/${fullName}/commit/${sha}`,
      })),
    },
    _links: {
      html: `${urls.web}/${fullName}/tree/${branch.name}`,
      self: `${api}/branches/${encodeURIComponent(branch.name)}`,
    },
    protected: short.protected,
    protection: short.protection ?? { enabled: false },
    protection_url: short.protection_url ?? `${api}/branches/${encodeURIComponent(branch.name)}/protection`,
  };
}

/** `branch-protection`: `GET /repos/{o}/{r}/branches/{branch}/protection` of a protected branch. */
export function renderBranchProtection(
  branch: BranchRecord & { protection: NonNullable<BranchRecord["protection"]> },
  repository: RepositoryRecord,
  state: SimulatorState,
  urls: ApiUrls,
): BranchProtection {
  const url = `${urls.api}/repos/${fullNameOf(repository, state)}/branches/${encodeURIComponent(branch.name)}/protection`;
  const { protection } = branch;
  return {
    url,
    required_status_checks: {
      url: `${url}/required_status_checks`,
      strict: protection.strict,
      contexts: protection.requiredStatusChecks,
      contexts_url: `${url}/required_status_checks/contexts`,
      checks: protection.requiredStatusChecks.map((context) => ({ context, app_id: null })),
    },
    required_pull_request_reviews: {
      url: `${url}/required_pull_request_reviews`,
      dismiss_stale_reviews: false,
      require_code_owner_reviews: false,
      required_approving_review_count: protection.requiredApprovingReviewCount,
      require_last_push_approval: false,
    },
    enforce_admins: { url: `${url}/enforce_admins`, enabled: protection.enforceAdmins },
    required_linear_history: { enabled: false },
    allow_force_pushes: { enabled: false },
    allow_deletions: { enabled: false },
    block_creations: { enabled: false },
    required_conversation_resolution: { enabled: false },
    lock_branch: { enabled: false },
    allow_fork_syncing: { enabled: false },
    required_signatures: { url: `${url}/required_signatures`, enabled: false },
  };
}
