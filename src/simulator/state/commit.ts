/** One commit of a repository's default-branch history, as the simulator stores it. */
export interface CommitRecord {
  sha: string;
  repositoryId: number;
  message: string;
  authorId: number;
  /** Author and committer date. */
  date: string;
}
