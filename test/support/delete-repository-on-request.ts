/**
 * A repository that goes away between two requests of one resync, on the simulator: a `fetch` for the
 * GitHub integration that, the first time a request whose API path matches `trigger` goes out, deletes
 * the repository through the control API (`DELETE /_simulator/repos/{owner}/{repo}`, as its owner
 * deleting it on GitHub, `repository.deleted` webhook included) and only then sends the request. So
 * the repository was there when listed and is gone when read, whatever the client does in between.
 */
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import { controlSimulator } from "./simulator-control.js";

export interface RepositoryDeletionHook {
  fetch: typeof fetch;
  /** The API path of the request that set the deletion off, once it has. */
  triggeredBy(): string | undefined;
}

export function deleteRepositoryOnRequest(
  simulator: RunningSimulator,
  repository: { owner: string; name: string },
  trigger: RegExp,
): RepositoryDeletionHook {
  let deletion: Promise<void> | undefined;
  let triggeredBy: string | undefined;
  const remove = async () => {
    await controlSimulator(simulator, "DELETE", `/repos/${repository.owner}/${repository.name}`);
  };
  return {
    async fetch(input, init) {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
      if (trigger.test(path)) {
        triggeredBy ??= path;
        // Concurrent requests that match wait for the same deletion.
        deletion ??= remove();
        await deletion;
      }
      return fetch(input, init);
    },
    triggeredBy: () => triggeredBy,
  };
}
