import type { GitCommitRecord } from "../state/git-history.js";
import type { RepositoryRecord } from "../state/repository.js";
import type { SimulatorState } from "../state/simulator-state.js";

/**
 * The commit a ref names in a repository: a branch (`main`, `heads/main`, `refs/heads/main`) or a
 * commit sha (full, or a unique prefix of 7+ characters); undefined when nothing matches.
 */
export function resolveCommit(
  state: SimulatorState,
  repository: RepositoryRecord,
  ref: string,
): GitCommitRecord | undefined {
  const branch = ref.replace(/^(?:refs\/)?heads\//, "");
  if (state.hasRef(repository.id, branch)) return state.headCommit(repository.id, branch);
  return state.git.findCommit(repository.id, ref);
}
