/**
 * The workflow-run processor (spec §5.3/§5.4): `workflow_run` deliveries with action `requested`,
 * `in_progress` or `completed`. When the selector has `statuses` and the payload run's status and
 * conclusion are both outside them, the run is deleted (built from the payload run, with the identifiers
 * a resync gives); otherwise it is re-read with `GET …/actions/runs/{id}`. A 404 there means the run was
 * deleted since the delivery, so it is deleted too. `since` / `since_date` do not apply to live events.
 */
import { z } from "zod";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { workflowRunSelectorSchema } from "../kinds/workflow-run-selector.js";
import { openRepositoryScopedEvent, parsePayload, withEventRepository } from "./repository-scoped-event.js";

export const workflowRunEventActions = ["requested", "in_progress", "completed"] as const;

const payloadSchema = z.looseObject({
  action: z.string(),
  workflow_run: z.looseObject({
    id: z.number(),
    status: z.string().nullish(),
    conclusion: z.string().nullish(),
  }),
});

export async function handleWorkflowRunEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  if (event.name !== "workflow_run") return null;
  if (!(workflowRunEventActions as readonly string[]).includes(String(event.payload.action))) return null;
  const payload = parsePayload(event, payloadSchema);
  const selector = workflowRunSelectorSchema.parse(resource.selector);
  const scoped = await openRepositoryScopedEvent(context, event, resource, selector.repoSearch);
  if (!scoped) return null;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  const run = payload.workflow_run;
  const wanted = selector.statuses as readonly string[] | null;
  if (wanted !== null && !wanted.includes(run.status ?? "") && !wanted.includes(run.conclusion ?? "")) {
    changes.deleted.push(withEventRepository(run as RawObject, scoped));
    return changes;
  }
  const fresh = await scoped.client.getOrNull<RawObject>(
    "GET /repos/{owner}/{repo}/actions/runs/{run_id}",
    { owner: scoped.owner, repo: scoped.name, run_id: run.id },
    {
      purpose: `re-reading workflow run ${run.id} of ${scoped.owner}/${scoped.name} for webhook delivery ${event.deliveryId}`,
    },
  );
  if (fresh === null) {
    scoped.logger.info({ run: run.id }, "workflow run no longer exists (404): deleting it");
    changes.deleted.push(withEventRepository(run as RawObject, scoped));
  } else {
    changes.upserted.push(withEventRepository(fresh, scoped));
  }
  return changes;
}
