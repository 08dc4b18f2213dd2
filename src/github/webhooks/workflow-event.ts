/**
 * The workflow processor (spec §5.3/§5.4): a `push` to a branch whose commits add, modify or remove a
 * `.github/workflows/…/*.yml|yaml` file re-reads each such workflow with
 * `GET …/actions/workflows/{file name}`. A workflow GitHub reports as `deleted` is deleted; so is one
 * whose file was removed and that GitHub no longer knows (404) — that delete carries only `path`/`name`,
 * since the id is gone with it, so only path-based identifiers can match it.
 *
 * The changed files come from the payload's commits, without Ocean's compare call; GitHub lists at most
 * 20 commits in a push payload, so a longer push is compared (`GET …/compare/{before}...{after}`) instead.
 * Other changed files are not looked up (Ocean asks for every file of the diff and ignores the 404s).
 */
import { z } from "zod";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import type { GitHubClient } from "../client/github-client.js";
import type { GitHubContext } from "../github-context.js";
import { repositoryScopedSelectorSchema } from "../kinds/repository-scoped-selector.js";
import { openRepositoryScopedEvent, parsePayload, withEventRepository } from "./repository-scoped-event.js";

/** GitHub stops listing commits in a push payload after this many. */
const payloadCommitLimit = 20;
const workflowPath = /^\.github\/workflows\/.+\.ya?ml$/;

const commitSchema = z.looseObject({
  added: z.array(z.string()).default([]),
  modified: z.array(z.string()).default([]),
  removed: z.array(z.string()).default([]),
});

const payloadSchema = z.looseObject({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  commits: z.array(commitSchema).default([]),
});

type Push = z.output<typeof payloadSchema>;

/** Whether a push changes a workflow file at all (no request needed to tell). */
export function pushTouchesWorkflows(payload: Record<string, unknown>): boolean {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success || !parsed.data.ref.startsWith("refs/heads/")) return false;
  return parsed.data.commits.some((commit) =>
    [...commit.added, ...commit.modified, ...commit.removed].some((path) => workflowPath.test(path)),
  );
}

export async function handleWorkflowEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  if (event.name !== "push" || !pushTouchesWorkflows(event.payload)) return null;
  const payload = parsePayload(event, payloadSchema);
  const selector = repositoryScopedSelectorSchema.parse(resource.selector);
  const scoped = await openRepositoryScopedEvent(context, event, resource, selector.repoSearch);
  if (!scoped) return null;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  for (const [path, removed] of await changedWorkflowFiles(
    scoped.client,
    scoped,
    payload,
    event.deliveryId,
  )) {
    const fileName = path.split("/").at(-1) ?? path;
    const workflow = await scoped.client.getOrNull<RawObject>(
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}",
      { owner: scoped.owner, repo: scoped.name, workflow_id: fileName },
      {
        purpose: `re-reading workflow ${path} of ${scoped.owner}/${scoped.name} for webhook delivery ${event.deliveryId}`,
      },
    );
    if (workflow === null) {
      if (removed) changes.deleted.push(withEventRepository({ path, name: fileName }, scoped));
      else scoped.logger.debug({ path }, "GitHub does not know this workflow file (yet): skipped");
    } else if (workflow.state === "deleted") {
      changes.deleted.push(withEventRepository(workflow, scoped));
    } else {
      changes.upserted.push(withEventRepository(workflow, scoped));
    }
  }
  return changes;
}

/** Workflow file paths the push changed, each with whether it is gone at the pushed head. */
async function changedWorkflowFiles(
  client: GitHubClient,
  repository: { owner: string; name: string },
  push: Push,
  deliveryId: string,
): Promise<Map<string, boolean>> {
  const files = new Map<string, boolean>();
  if (push.commits.length < payloadCommitLimit) {
    // Commits are oldest first: the last change of a path wins.
    for (const commit of push.commits) {
      for (const path of [...commit.added, ...commit.modified]) files.set(path, false);
      for (const path of commit.removed) files.set(path, true);
    }
  } else {
    const comparison = await client.get<{
      files?: Array<{ filename: string; status: string; previous_filename?: string }>;
    }>(
      "GET /repos/{owner}/{repo}/compare/{basehead}",
      { owner: repository.owner, repo: repository.name, basehead: `${push.before}...${push.after}` },
      {
        purpose: `comparing a push to ${repository.owner}/${repository.name} for webhook delivery ${deliveryId}`,
      },
    );
    for (const file of comparison.files ?? []) {
      files.set(file.filename, file.status === "removed");
      if (file.status === "renamed" && file.previous_filename) files.set(file.previous_filename, true);
    }
  }
  return new Map([...files].filter(([path]) => workflowPath.test(path)));
}
