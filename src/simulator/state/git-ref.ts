/** Branches and tags (the commits they point at are in `GitHistory`), as the simulator stores them. */
/** Branch protection, the subset GitHub's `branch-protection` shape needs to be told apart. */
export interface BranchProtectionRecord {
  requiredStatusChecks: string[];
  /** `strict`: branches must be up to date before merging. */
  strict: boolean;
  requiredApprovingReviewCount: number;
  enforceAdmins: boolean;
}

export interface BranchRecord {
  name: string;
  sha: string;
  /** Null when the branch is not protected. */
  protection: BranchProtectionRecord | null;
}

export interface TagRecord {
  name: string;
  sha: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  isDefault: boolean;
}
