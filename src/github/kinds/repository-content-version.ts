/**
 * What proves a repository's files unchanged since they were read (for remembered reads,
 * `client/remembered-reads.ts`): its id and `pushed_at`, which every push moves — to any branch, so a
 * push elsewhere only costs a re-read — and which every repository listing carries for free.
 *
 * GitHub stamps `pushed_at` to the second: a push in the same second as an earlier read would leave the
 * stamp as it was, and the stale read would be kept until the next push. So a repository pushed less
 * than `SETTLING_MS` ago (a margin for GitHub's clock and ours disagreeing, too) has no version yet: its
 * files are read afresh until it settles.
 */
import type { RawObject } from "../../engine/integration/integration.js";

export const SETTLING_MS = 5 * 60_000;

export function repositoryContentVersion(
  repository: RawObject,
  now: number = Date.now(),
): string | undefined {
  const pushedAt = repository.pushed_at;
  if (typeof pushedAt !== "string") return undefined;
  const pushed = Date.parse(pushedAt);
  if (Number.isNaN(pushed) || now - pushed < SETTLING_MS) return undefined;
  return `repository ${String(repository.id)} pushed at ${pushedAt}`;
}
