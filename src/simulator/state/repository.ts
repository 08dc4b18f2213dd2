/** One repository as the simulator stores it; shapes in `../shapes/` turn it into GitHub's JSON. */
export type RepositoryVisibility = "public" | "private" | "internal";

export interface LicenseRecord {
  key: string;
  name: string;
  spdxId: string;
}

export interface RepositoryRecord {
  id: number;
  ownerId: number;
  name: string;
  description: string | null;
  homepage: string | null;
  language: string | null;
  visibility: RepositoryVisibility;
  /** Set for forks: the repository this one was forked from. */
  parentId: number | null;
  archived: boolean;
  disabled: boolean;
  isTemplate: boolean;
  defaultBranch: string;
  topics: string[];
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  /** Size in KB, as GitHub reports it. */
  size: number;
  stargazersCount: number;
  forksCount: number;
  openIssuesCount: number;
  subscribersCount: number;
  license: LicenseRecord | null;
  hasIssues: boolean;
  hasProjects: boolean;
  hasWiki: boolean;
  hasPages: boolean;
  hasDownloads: boolean;
  hasDiscussions: boolean;
  allowForking: boolean;
  webCommitSignoffRequired: boolean;
  deleteBranchOnMerge: boolean;
  customProperties: Record<string, string | string[] | null>;
}
