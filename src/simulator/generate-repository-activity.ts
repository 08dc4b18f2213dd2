import type { Random } from "./random.js";
import type { AccountRecord } from "./state/account.js";
import type { GitCommitRecord } from "./state/git-history.js";
import type { BranchProtectionRecord } from "./state/git-ref.js";
import type { IssueRecord } from "./state/issue.js";
import type { PullRequestRecord } from "./state/pull-request.js";
import type { RepositoryRecord } from "./state/repository.js";
import { formatGitHubTime } from "./state/simulator-clock.js";
import type { SimulatorState } from "./state/simulator-state.js";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** GitHub's default labels of a new repository. */
const DEFAULT_LABELS: Array<[string, string, string]> = [
  ["bug", "d73a4a", "Something isn't working"],
  ["documentation", "0075ca", "Improvements or additions to documentation"],
  ["enhancement", "a2eeef", "New feature or request"],
  ["good first issue", "7057ff", "Good for newcomers"],
  ["help wanted", "008672", "Extra attention is needed"],
  ["wontfix", "ffffff", "This will not be worked on"],
];
const FEATURE_BRANCHES = [
  "feature/checkout-v2",
  "feature/dark-mode",
  "fix/null-pointer",
  "fix/timeout",
  "release/2.0",
  "dependabot/npm_and_yarn/lodash-4.17.21",
  "chore/upgrade-node",
  "experiment",
];
const VERBS = ["Add", "Fix", "Refactor", "Remove", "Document", "Speed up", "Upgrade", "Handle"];
const SUBJECTS = [
  "retry on 502",
  "pagination of listings",
  "the login flow",
  "flaky integration test",
  "metrics endpoint",
  "null descriptions",
  "CI cache",
  "README badges",
  "config loading",
  "graceful shutdown",
];
const CHECKS = ["ci/build", "ci/test", "lint", "security/codeql"];

/** A repository that holds more closed pull requests than the pull-request kind's default cap (100). */
const BUSY_CLOSED_PULL_REQUESTS = 130;

/** How many pull requests a (not busy) repository gets: a range each for open and closed ones. */
export interface PullRequestVolume {
  open: [number, number];
  closed: [number, number];
}

/** The `small` organization's volume; larger scales ask for more closed ones. */
export const SMALL_PULL_REQUEST_VOLUME: PullRequestVolume = { open: [0, 4], closed: [0, 10] };

/**
 * Fills the organization's repositories (forks and archived ones included) with what the repo-scoped kinds
 * list: labels, commits, branches (some protected), tags, releases (drafts and prereleases among them),
 * issues (open/closed, with label combinations) and pull requests (open, draft, closed, merged; recent and
 * older than 60 days). The first non-fork repository is made busy, so listings paginate and caps apply.
 */
export function generateRepositoryActivity(
  state: SimulatorState,
  random: Random,
  options: { organization: AccountRecord; members: readonly AccountRecord[] },
): void {
  const repositories = state.repositoriesOwnedBy(options.organization.id);
  const busy = repositories.find((repository) => repository.parentId === null);
  for (const repository of repositories) {
    const repoRandom = random.fork(`repository:${repository.name}`);
    generateActivityOf(state, repoRandom, repository, {
      members: options.members,
      busy: repository === busy,
      pullRequests: SMALL_PULL_REQUEST_VOLUME,
    });
  }
}

/** One repository's labels, commits, branches, tags, releases, issues and pull requests. */
export function generateActivityOf(
  state: SimulatorState,
  random: Random,
  repository: RepositoryRecord,
  options: { members: readonly AccountRecord[]; busy: boolean; pullRequests: PullRequestVolume },
): void {
  const { members, busy } = options;
  const { activity } = state;
  const at = (msBeforeEpoch: number): string => formatGitHubTime(new Date(state.epochMs - msBeforeEpoch));
  const ageMs = state.epochMs - Date.parse(repository.createdAt);
  const person = () => random.pick(members);

  for (const [name, color, description] of DEFAULT_LABELS) {
    activity.addLabel(repository.id, {
      id: activity.allocateId("label", repository.id),
      name,
      color,
      description,
      isDefault: true,
    });
  }

  // A linear history on the default branch; other branches fork off it.
  const history: GitCommitRecord[] = [];
  const commitCount = random.int(3, 12);
  for (let index = 0; index < commitCount; index++) {
    const commit = state.recordCommit(repository.id, repository.defaultBranch, {
      parentSha: history.at(-1)?.sha ?? null,
      message: `${random.pick(VERBS)} ${random.pick(SUBJECTS)}`,
      authorId: person().id,
      date: at(Math.max(0, ageMs - ((index + 1) * ageMs) / (commitCount + 1))),
    });
    history.push(commit);
  }
  const head = history[history.length - 1] as GitCommitRecord;
  const protection = (): BranchProtectionRecord => ({
    requiredStatusChecks: random.sample(CHECKS, random.int(1, 3)).sort(),
    strict: random.chance(0.5),
    requiredApprovingReviewCount: random.int(1, 2),
    enforceAdmins: random.chance(0.3),
  });
  activity.setBranch(repository.id, {
    name: repository.defaultBranch,
    sha: head.sha,
    protection: busy || random.chance(0.4) ? protection() : null,
  });
  const featureBranches = random.sample(FEATURE_BRANCHES, busy ? 4 : random.int(0, 3));
  for (const name of featureBranches) {
    const base = random.pick(history);
    state.ensureRef(repository.id, name, repository.defaultBranch);
    const commit = state.recordCommit(repository.id, name, {
      parentSha: base.sha,
      message: `${random.pick(VERBS)} ${random.pick(SUBJECTS)}`,
      authorId: person().id,
      date: at(random.int(0, 20) * DAY_MS + random.int(0, 23) * HOUR_MS),
    });
    activity.setBranch(repository.id, {
      name,
      sha: commit.sha,
      protection: name.startsWith("release/") ? protection() : null,
    });
  }

  const tagCount = busy ? 5 : random.int(0, 4);
  for (let index = 0; index < tagCount; index++) {
    const commit = history[Math.min(history.length - 1, index * 2)] as GitCommitRecord;
    const name = `v${1 + Math.floor(index / 3)}.${index % 3}.${random.int(0, 4)}`;
    if (activity.tag(repository.id, name)) continue;
    activity.setTag(repository.id, { name, sha: commit.sha });
    if (index === tagCount - 1 && !busy && random.chance(0.5)) continue; // a tag without a release
    const draft = busy ? index === tagCount - 1 : random.chance(0.1);
    const createdAt = commit.timestamp;
    activity.addRelease({
      id: activity.allocateId("release", repository.id),
      repositoryId: repository.id,
      tagName: name,
      targetCommitish: repository.defaultBranch,
      name: random.chance(0.8) ? `Release ${name}` : null,
      body: random.chance(0.7)
        ? `## What's changed\n\n* ${random.pick(VERBS)} ${random.pick(SUBJECTS)}\n`
        : null,
      draft,
      prerelease: busy ? index === tagCount - 2 : random.chance(0.15),
      authorId: person().id,
      createdAt,
      publishedAt: draft ? null : createdAt,
    });
  }

  // Issues and pull requests interleave in one number sequence, oldest first.
  type Planned = { kind: "issue" | "pull"; createdBefore: number };
  const planned: Planned[] = [];
  const issueCount = busy ? 12 : random.int(0, 8);
  const openPulls = busy ? 6 : random.int(...options.pullRequests.open);
  const closedPulls = busy ? BUSY_CLOSED_PULL_REQUESTS : random.int(...options.pullRequests.closed);
  const horizon = Math.min(ageMs - DAY_MS, 200 * DAY_MS);
  for (let i = 0; i < issueCount; i++)
    planned.push({ kind: "issue", createdBefore: random.int(DAY_MS, horizon) });
  for (let i = 0; i < openPulls + closedPulls; i++) {
    planned.push({ kind: "pull", createdBefore: random.int(HOUR_MS, horizon) });
  }
  planned.sort((a, b) => b.createdBefore - a.createdBefore);
  let openLeft = openPulls;
  const labels = DEFAULT_LABELS.map(([name]) => name);
  for (const item of planned) {
    const number = activity.allocateNumber(repository.id);
    const createdBefore = item.createdBefore;
    const title = `${random.pick(VERBS)} ${random.pick(SUBJECTS)}`;
    const author = person();
    if (item.kind === "issue") {
      const closed = random.chance(0.45);
      const closedBefore = closed ? random.int(0, createdBefore) : 0;
      const issue: IssueRecord = {
        id: activity.allocateId("issue", repository.id),
        repositoryId: repository.id,
        number,
        title,
        body: random.chance(0.8) ? `Steps to reproduce:\n\n1. ${title.toLowerCase()}\n` : null,
        authorId: author.id,
        assigneeIds: random.sample(members, random.int(0, 2)).map((member) => member.id),
        labels: random.sample(labels, random.int(0, 3)),
        state: closed ? "closed" : "open",
        stateReason: closed ? random.pick(["completed", "completed", "not_planned"] as const) : null,
        locked: random.chance(0.05),
        comments: random.int(0, 12),
        createdAt: at(createdBefore),
        updatedAt: at(closed ? closedBefore : random.int(0, createdBefore)),
        closedAt: closed ? at(closedBefore) : null,
        closedById: closed ? person().id : null,
      };
      activity.addIssue(issue);
      continue;
    }
    // The most recent pull requests are the open ones, as in a living repository.
    const open = openLeft > 0 && (createdBefore < 30 * DAY_MS || random.chance(0.3));
    if (open) openLeft -= 1;
    const closedBefore = open ? 0 : random.int(0, createdBefore);
    const merged = !open && random.chance(0.7);
    const branch = `${random.pick(["feature", "fix", "chore"])}/${number}-${random.pick(SUBJECTS).replace(/\W+/g, "-")}`;
    // The head (and merge) commits live under GitHub's pull request refs, on top of a default-branch commit.
    const base = random.pick(history);
    const headCommit = state.recordCommit(repository.id, `pull/${number}/head`, {
      parentSha: base.sha,
      message: title,
      authorId: author.id,
      date: at(createdBefore),
    });
    const mergedById = merged ? person().id : null;
    const mergeCommit =
      mergedById === null
        ? null
        : state.recordCommit(repository.id, `pull/${number}/merge`, {
            parentSha: headCommit.sha,
            message: `Merge pull request #${number} from ${branch}`,
            authorId: mergedById,
            date: at(closedBefore),
          });
    const pullRequest: PullRequestRecord = {
      id: activity.allocateId("pullRequest", repository.id),
      repositoryId: repository.id,
      number,
      title,
      body: random.chance(0.7) ? `This pull request will ${title.toLowerCase()}.` : null,
      authorId: author.id,
      assigneeIds: random.sample(members, random.int(0, 2)).map((member) => member.id),
      requestedReviewerIds: open
        ? random
            .sample(members, random.int(0, 2))
            .filter((member) => member.id !== author.id)
            .map((member) => member.id)
        : [],
      labels: random.sample(labels, random.int(0, 2)),
      state: open ? "open" : "closed",
      draft: open && random.chance(0.25),
      locked: false,
      headRef: branch,
      headSha: headCommit.sha,
      baseRef: repository.defaultBranch,
      baseSha: base.sha,
      createdAt: at(createdBefore),
      updatedAt: at(open ? random.int(0, createdBefore) : closedBefore),
      closedAt: open ? null : at(closedBefore),
      mergedAt: merged ? at(closedBefore) : null,
      mergeCommitSha: mergeCommit?.sha ?? null,
      mergedById,
      commits: random.int(1, 15),
      additions: random.int(1, 900),
      deletions: random.int(0, 400),
      changedFiles: random.int(1, 30),
      comments: random.int(0, 10),
      reviewComments: random.int(0, 20),
    };
    activity.addPullRequest(pullRequest);
  }
}
