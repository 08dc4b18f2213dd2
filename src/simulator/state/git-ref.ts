/** Branches, tags and the commits they point at, as the simulator stores them. */
export interface CommitRecord {
  sha: string;
  message: string;
  authorId: number;
  date: string;
  parentShas: string[];
}

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
