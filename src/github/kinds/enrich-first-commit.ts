/**
 * `enrichWithFirstCommit` (spec §4.13): the first commit a deployment shipped since its predecessor.
 * With a predecessor of another `sha`, `GET …/compare/{prev}...{sha}` gives the commits in between; the
 * earliest by committer date becomes `__firstCommit` (with `__sha` and `__timestamp`) and
 * `__commitCount` is `total_commits`. Without a predecessor, with the same `sha`, or with an empty
 * comparison, the deployment's own commit (`GET …/commits/{sha}`) is the first, and `__commitCount` 1.
 * A commit GitHub no longer has (404/422) leaves the deployment without the fields, as in Ocean; missing
 * permissions and bad credentials fail the kind instead of being logged away.
 */
import { isPortolanError } from "../../engine/errors/portolan-error.js";
import type { RawObject } from "../../engine/integration/integration.js";
import type { RepositoryTarget } from "./across-repositories.js";
import type { DeploymentPair } from "./deployment-predecessors.js";

const raisedCodes = new Set([
  "GITHUB_BAD_CREDENTIALS",
  "GITHUB_MISSING_PERMISSION",
  "GITHUB_SSO_REQUIRED",
  "GITHUB_FORBIDDEN",
  "GITHUB_RATE_LIMITED",
  "GITHUB_UNREACHABLE",
]);

interface Commit extends RawObject {
  sha?: string;
  commit?: { committer?: { date?: string } | null; author?: { date?: string } | null };
}

function commitDate(commit: Commit): string | undefined {
  return commit.commit?.committer?.date ?? commit.commit?.author?.date ?? undefined;
}

function firstCommit(commit: Commit): RawObject {
  return { ...commit, __sha: commit.sha, __timestamp: commitDate(commit) ?? null };
}

export async function enrichWithFirstCommit(
  target: RepositoryTarget,
  { deployment, predecessor }: DeploymentPair,
): Promise<RawObject> {
  const sha = typeof deployment.sha === "string" ? deployment.sha : "";
  if (sha === "") return deployment;
  const repo = { owner: target.owner, repo: target.name };
  const where = `${target.owner}/${target.name}`;
  try {
    const previous = typeof predecessor?.sha === "string" ? predecessor.sha : "";
    if (previous !== "" && previous !== sha) {
      const comparison = await target.client.get<{ total_commits?: number; commits?: Commit[] }>(
        "GET /repos/{owner}/{repo}/compare/{basehead}",
        { ...repo, basehead: `${previous}...${sha}` },
        {
          purpose: `comparing deployment ${String(deployment.id)} with its predecessor in ${where}`,
          ...target.scope,
        },
      );
      const commits = comparison.commits ?? [];
      if (commits.length > 0) {
        const earliest = commits.reduce((first, commit) =>
          (commitDate(commit) ?? "") < (commitDate(first) ?? "") ? commit : first,
        );
        return {
          ...deployment,
          __firstCommit: firstCommit(earliest),
          __commitCount: comparison.total_commits ?? commits.length,
        };
      }
    }
    const own = await target.client.get<Commit>(
      "GET /repos/{owner}/{repo}/commits/{ref}",
      { ...repo, ref: sha },
      { purpose: `reading the commit of deployment ${String(deployment.id)} in ${where}`, ...target.scope },
    );
    return { ...deployment, __firstCommit: firstCommit(own), __commitCount: 1 };
  } catch (error) {
    if (isPortolanError(error) && raisedCodes.has(error.code)) throw error;
    target.scope.signal?.throwIfAborted();
    return deployment;
  }
}
