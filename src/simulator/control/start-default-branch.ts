import type { SimulatorContext } from "../simulator-context.js";
import type { RepositoryRecord } from "../state/repository.js";
import { newCommit } from "./control-request.js";

/**
 * The initial commit and default branch of a repository created with `auto_init` (without it, a new
 * repository is empty on GitHub: no commits, no branches).
 */
export function startDefaultBranch(context: SimulatorContext, repository: RepositoryRecord): void {
  const commit = newCommit(context, repository.id, {
    ref: repository.defaultBranch,
    message: "Initial commit",
    parentSha: null,
    authorId: context.owner.id,
  });
  context.state.activity.setBranch(repository.id, {
    name: repository.defaultBranch,
    sha: commit.sha,
    protection: null,
  });
}
