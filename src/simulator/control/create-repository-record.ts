import type { RepositoryRecord, RepositoryVisibility } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";

/** A new repository as GitHub creates it: no stars or forks, every feature on, dates = now. */
export function createRepositoryRecord(
  state: SimulatorState,
  input: {
    ownerId: number;
    name: string;
    description: string | null;
    homepage: string | null;
    visibility: RepositoryVisibility;
    defaultBranch: string;
  },
): RepositoryRecord {
  const now = state.clock.now();
  return {
    id: state.allocateRepositoryId(),
    ownerId: input.ownerId,
    name: input.name,
    description: input.description,
    homepage: input.homepage,
    language: null,
    visibility: input.visibility,
    parentId: null,
    archived: false,
    disabled: false,
    isTemplate: false,
    defaultBranch: input.defaultBranch,
    topics: [],
    createdAt: now,
    updatedAt: now,
    pushedAt: now,
    size: 0,
    stargazersCount: 0,
    forksCount: 0,
    openIssuesCount: 0,
    subscribersCount: 1,
    license: null,
    hasIssues: true,
    hasProjects: true,
    hasWiki: true,
    hasPages: false,
    hasDownloads: true,
    hasDiscussions: false,
    allowForking: input.visibility === "public",
    webCommitSignoffRequired: false,
    deleteBranchOnMerge: false,
    customProperties: {},
  };
}
