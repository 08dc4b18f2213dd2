import type { RequestScope } from "../client/github-client.js";
import { type RepositoryFile, readRepositoryFile } from "./read-repository-file.js";
import type { RepositoryTarget } from "./repository-targets.js";

/** One file of a target's branch: remembered while the repository's content version holds (resyncs). */
export function readTargetFile(
  target: Pick<RepositoryTarget<unknown>, "client" | "owner" | "name" | "branch" | "contentVersion">,
  path: string,
  scope: RequestScope,
): Promise<RepositoryFile | null> {
  return readRepositoryFile(
    target.client,
    { owner: target.owner, repo: target.name, branch: target.branch, path, version: target.contentVersion },
    scope,
  );
}
