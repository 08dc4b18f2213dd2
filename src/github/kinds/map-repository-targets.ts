/**
 * Runs `fn` on each repository target, a listing page at a time with bounded concurrency, and yields
 * what each page produced. A failing repository does not stop the others: its error is logged with the
 * repository, and once every repository has run the failures are thrown together (so the resync knows
 * the kind is incomplete and keeps its entities; a missing permission is never an empty result).
 */
import type { RawObject } from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { mapConcurrent } from "../map-concurrent.js";
import type { RepositoryTarget } from "./repository-targets.js";

/** Repositories read at the same time (Ocean: 10). */
const targetConcurrency = 10;

export async function* mapRepositoryTargets<Entry>(
  context: GitHubContext,
  kind: string,
  targets: AsyncIterable<RepositoryTarget<Entry>[]>,
  fn: (target: RepositoryTarget<Entry>) => Promise<RawObject[]>,
): AsyncIterable<RawObject[]> {
  const errors: unknown[] = [];
  let seen = 0;
  for await (const page of targets) {
    seen += page.length;
    const results = await mapConcurrent(page, targetConcurrency, async (target) => {
      try {
        return await fn(target);
      } catch (error) {
        context.logger.error(
          { kind, repository: `${target.owner}/${target.name}`, branch: target.branch, err: error },
          `listing ${kind} of a repository failed; continuing with the others`,
        );
        errors.push(error);
        return [];
      }
    });
    const items = results.flat();
    if (items.length > 0) yield items;
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    throw new AggregateError(errors, `${kind}: ${errors.length} of ${seen} repositories failed`);
  }
}
