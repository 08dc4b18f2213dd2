import type { BranchRecord, LabelRecord, TagRecord } from "./git-ref.js";
import type { IssueRecord } from "./issue.js";
import type { PullRequestRecord } from "./pull-request.js";
import type { ReleaseRecord } from "./release.js";
import { RepositoryScopedIds } from "./repository-scoped-ids.js";

type ActivityIdKind = "issue" | "pullRequest" | "release" | "label";

/** What one repository holds besides its files and commits: issue/PR numbers, refs, releases, labels. */
interface RepositoryItems {
  nextNumber: number;
  issues: Map<number, IssueRecord>;
  /** Numbers of deleted issues: GitHub answers 410 Gone for them. */
  deletedIssues: Set<number>;
  pullRequests: Map<number, PullRequestRecord>;
  releases: Map<number, ReleaseRecord>;
  branches: Map<string, BranchRecord>;
  tags: Map<string, TagRecord>;
  labels: Map<string, LabelRecord>;
}

/**
 * Issues, pull requests, releases, branches and tags per repository (their commits are in `GitHistory`) (kept out of
 * `SimulatorState` itself so each kind's maps stay together). Listings come back in GitHub's default
 * orders: issues and pull requests newest first, releases newest first, branches and tags by name.
 */
export class RepositoryActivity {
  private readonly byRepository = new Map<number, RepositoryItems>();
  private readonly ids: RepositoryScopedIds<ActivityIdKind>;
  /** Generates a lazily generated repository's activity before it is read. */
  private readonly load: (repositoryId: number) => void;

  constructor(options: {
    firstIds: Record<ActivityIdKind, number>;
    indexOf: (repositoryId: number) => number;
    load: (repositoryId: number) => void;
  }) {
    this.ids = new RepositoryScopedIds(options.firstIds, options.indexOf);
    this.load = options.load;
  }

  private existing(repositoryId: number): RepositoryItems | undefined {
    this.load(repositoryId);
    return this.byRepository.get(repositoryId);
  }

  private items(repositoryId: number): RepositoryItems {
    let items = this.existing(repositoryId);
    if (!items) {
      items = {
        nextNumber: 1,
        issues: new Map(),
        deletedIssues: new Set(),
        pullRequests: new Map(),
        releases: new Map(),
        branches: new Map(),
        tags: new Map(),
        labels: new Map(),
      };
      this.byRepository.set(repositoryId, items);
    }
    return items;
  }

  /** An id from the repository's own range (see `RepositoryScopedIds`). */
  allocateId(kind: ActivityIdKind, repositoryId: number): number {
    return this.ids.allocate(kind, repositoryId);
  }

  /** The next issue/pull request number of a repository (one sequence for both, as on GitHub). */
  allocateNumber(repositoryId: number): number {
    const items = this.items(repositoryId);
    const number = items.nextNumber;
    items.nextNumber += 1;
    return number;
  }

  forgetRepository(repositoryId: number): void {
    this.byRepository.delete(repositoryId);
    this.ids.forgetRepository(repositoryId);
  }

  // ---- issues and pull requests ----------------------------------------------------------------------

  addIssue(issue: IssueRecord): void {
    this.items(issue.repositoryId).issues.set(issue.number, issue);
  }

  deleteIssue(issue: IssueRecord): void {
    const items = this.items(issue.repositoryId);
    items.issues.delete(issue.number);
    items.deletedIssues.add(issue.number);
  }

  isDeletedIssue(repositoryId: number, number: number): boolean {
    return this.existing(repositoryId)?.deletedIssues.has(number) ?? false;
  }

  issue(repositoryId: number, number: number): IssueRecord | undefined {
    return this.existing(repositoryId)?.issues.get(number);
  }

  issuesOf(repositoryId: number): IssueRecord[] {
    return [...(this.existing(repositoryId)?.issues.values() ?? [])].sort((a, b) => b.number - a.number);
  }

  addPullRequest(pullRequest: PullRequestRecord): void {
    this.items(pullRequest.repositoryId).pullRequests.set(pullRequest.number, pullRequest);
  }

  pullRequest(repositoryId: number, number: number): PullRequestRecord | undefined {
    return this.existing(repositoryId)?.pullRequests.get(number);
  }

  pullRequestsOf(repositoryId: number): PullRequestRecord[] {
    return [...(this.existing(repositoryId)?.pullRequests.values() ?? [])].sort(
      (a, b) => b.number - a.number,
    );
  }

  addLabel(repositoryId: number, label: LabelRecord): void {
    this.items(repositoryId).labels.set(label.name.toLowerCase(), label);
  }

  label(repositoryId: number, name: string): LabelRecord | undefined {
    return this.existing(repositoryId)?.labels.get(name.toLowerCase());
  }

  // ---- releases ---------------------------------------------------------------------------------------

  addRelease(release: ReleaseRecord): void {
    this.items(release.repositoryId).releases.set(release.id, release);
  }

  deleteRelease(release: ReleaseRecord): void {
    this.items(release.repositoryId).releases.delete(release.id);
  }

  release(repositoryId: number, id: number): ReleaseRecord | undefined {
    return this.existing(repositoryId)?.releases.get(id);
  }

  releasesOf(repositoryId: number): ReleaseRecord[] {
    return [...(this.existing(repositoryId)?.releases.values() ?? [])].sort((a, b) =>
      a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1,
    );
  }

  // ---- refs and commits -------------------------------------------------------------------------------

  setBranch(repositoryId: number, branch: BranchRecord): void {
    this.items(repositoryId).branches.set(branch.name, branch);
  }

  deleteBranch(repositoryId: number, name: string): void {
    this.items(repositoryId).branches.delete(name);
  }

  branch(repositoryId: number, name: string): BranchRecord | undefined {
    return this.existing(repositoryId)?.branches.get(name);
  }

  branchesOf(repositoryId: number): BranchRecord[] {
    return [...(this.existing(repositoryId)?.branches.values() ?? [])].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }

  setTag(repositoryId: number, tag: TagRecord): void {
    this.items(repositoryId).tags.set(tag.name, tag);
  }

  deleteTag(repositoryId: number, name: string): void {
    this.items(repositoryId).tags.delete(name);
  }

  tag(repositoryId: number, name: string): TagRecord | undefined {
    return this.existing(repositoryId)?.tags.get(name);
  }

  /** Newest name first, as GitHub's `GET /repos/{o}/{r}/tags` answers for version-like names. */
  tagsOf(repositoryId: number): TagRecord[] {
    return [...(this.existing(repositoryId)?.tags.values() ?? [])].sort((a, b) =>
      b.name.localeCompare(a.name, "en", { numeric: true }),
    );
  }
}
