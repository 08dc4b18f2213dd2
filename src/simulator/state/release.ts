/** One release as the simulator stores it; its tag is a `TagRecord` of the same repository. */
export interface ReleaseRecord {
  id: number;
  repositoryId: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  authorId: number;
  createdAt: string;
  /** Null while a draft. */
  publishedAt: string | null;
}
