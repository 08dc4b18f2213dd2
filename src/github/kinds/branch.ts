/**
 * Kind `branch` (spec §4.11): per repository, the branches the selector names (`defaultBranchOnly` ⇒
 * the default branch; `branchNames` ⇒ those, without listing) or all of them (`GET …/branches`, page by
 * page). Named branches and `detailed` ones are read in full; at most ten requests per page run at once.
 * Each item gets `__is_default_branch`, `__repository`, `__repository_object`, `__organization`, and with
 * `protectionRules` also `__protection_rules`.
 */
import type { IntegrationKind, KindListRequest, RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { mapConcurrent } from "../map-concurrent.js";
import { acrossRepositories, type RepositoryTarget } from "./across-repositories.js";
import { type BranchSelector, branchSelectorSchema } from "./branch-selector.js";
import { completeBranch, fetchBranch } from "./read-branch.js";

/** Branch (and protection) requests of one page in flight at once (Ocean: 10). */
const branchConcurrency = 10;

export function createBranchKind(context: GitHubContext): IntegrationKind<BranchSelector> {
  return {
    name: "branch",
    selectorSchema: branchSelectorSchema,
    async *list(request: KindListRequest<BranchSelector>): AsyncIterable<RawObject[]> {
      const { selector } = request;
      yield* acrossRepositories(
        context,
        {
          kind: "branch",
          mappingOptions: request.mappingOptions,
          repoSearch: selector.repoSearch,
          signal: request.signal,
        },
        (target) => listBranches(target, selector),
      );
    },
  };
}

async function* listBranches(target: RepositoryTarget, selector: BranchSelector): AsyncIterable<RawObject[]> {
  const { client, account, repository, owner, name, scope } = target;
  const item = { repository, organization: account.login };
  const complete = (branch: RawObject) =>
    completeBranch(client, branch, item, { protectionRules: selector.protectionRules }, scope);
  const names = selector.defaultBranchOnly
    ? [String(repository.default_branch)]
    : selector.branchNames.length > 0
      ? selector.branchNames
      : null;
  if (names !== null) {
    const branches = await mapConcurrent(names, branchConcurrency, async (branchName) => {
      const branch = await fetchBranch(client, repository, branchName, scope);
      return branch === null ? null : complete(branch);
    });
    const found = branches.filter((branch): branch is RawObject => branch !== null);
    if (found.length > 0) yield found;
    return;
  }
  for await (const page of client.pages<RawObject>(
    "GET /repos/{owner}/{repo}/branches",
    { owner, repo: name },
    { purpose: `listing branches of ${owner}/${name}`, ...scope },
  )) {
    const branches = await mapConcurrent(page, branchConcurrency, async (listed) => {
      if (!selector.detailed) return complete(listed);
      // A branch deleted between the listing and this read is left out.
      const full = await fetchBranch(client, repository, String(listed.name), scope);
      return full === null ? null : complete(full);
    });
    const found = branches.filter((branch): branch is RawObject => branch !== null);
    if (found.length > 0) yield found;
  }
}
