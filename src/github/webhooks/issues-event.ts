/**
 * The issue processor (spec §5.3/§5.4): what an `issues` delivery means for one `issue` resource.
 *
 * - the selector's `labels` must all be on the payload's issue (case-insensitive), checked first;
 * - `deleted`, `transferred` (the issue now lives in another repository) and `closed` while the selector
 *   wants only open issues delete the payload's issue;
 * - other actions re-fetch `GET /repos/{o}/{r}/issues/{n}`; a 404, or GitHub's 410 for an issue deleted
 *   since, deletes it.
 *
 * Unlike Ocean, an issue that no longer matches the selector (its labels, or a re-fetched state the
 * selector excludes) is deleted rather than left as it was: the next resync would not list it.
 */
import { z } from "zod";
import { isPortolanError } from "../../engine/errors/portolan-error.js";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import { isRequestErrorLike } from "../client/translate-request-error.js";
import type { GitHubContext } from "../github-context.js";
import { type IssueSelector, issueSelectorSchema } from "../kinds/issue-selector.js";
import { withRepositoryFields } from "../kinds/repository-item-fields.js";
import { type RepositoryItemDelivery, readRepositoryItemDelivery } from "./repository-item-delivery.js";
import { parsePayload } from "./repository-scoped-event.js";

/** The `issues` actions processed (the seed's list). */
export const issuesEventActions = [
  "assigned",
  "closed",
  "demilestoned",
  "edited",
  "labeled",
  "locked",
  "milestoned",
  "opened",
  "pinned",
  "reopened",
  "transferred",
  "typed",
  "unassigned",
  "unlabeled",
  "unlocked",
  "unpinned",
  "untyped",
  "deleted",
] as const;

const payloadSchema = z.looseObject({
  issue: z.looseObject({
    number: z.number().int().positive(),
    state: z.string().optional(),
    labels: z.array(z.looseObject({ name: z.string() })).nullish(),
  }),
});

export async function handleIssuesEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  if (event.name !== "issues") return null;
  const action = String(event.payload.action ?? "");
  if (!(issuesEventActions as readonly string[]).includes(action)) return null;
  const selector = issueSelectorSchema.parse(resource.selector);
  const { issue } = parsePayload(event, payloadSchema);
  const delivery = await readRepositoryItemDelivery(context, event, resource, selector.repoSearch);
  if (delivery === null) return null;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  const gone =
    action === "deleted" ||
    action === "transferred" ||
    !hasAllLabels(issue.labels ?? [], selector.labels) ||
    (action === "closed" && selector.state === "open");
  if (gone) {
    changes.deleted.push(withRepositoryFields(issue as RawObject, delivery));
    return changes;
  }
  const fresh = await reReadIssue(delivery, issue.number, event.deliveryId);
  if (fresh === null || !matchesState(String(fresh.state), selector.state)) {
    changes.deleted.push(withRepositoryFields((fresh ?? issue) as RawObject, delivery));
    return changes;
  }
  changes.upserted.push(withRepositoryFields(fresh, delivery));
  return changes;
}

/** `GET …/issues/{n}`, or null when the issue is gone: 404, or GitHub's 410 for a deleted issue. */
async function reReadIssue(
  delivery: RepositoryItemDelivery,
  number: number,
  deliveryId: string,
): Promise<RawObject | null> {
  try {
    return await delivery.client.getOrNull<RawObject>(
      "GET /repos/{owner}/{repo}/issues/{issue_number}",
      { owner: delivery.owner, repo: delivery.repository.name, issue_number: number },
      {
        purpose: `re-reading issue #${number} of ${delivery.owner}/${delivery.repository.name} for webhook delivery ${deliveryId}`,
      },
    );
  } catch (error) {
    const cause = isPortolanError(error) ? error.cause : undefined;
    if (isRequestErrorLike(cause) && cause.status === 410) return null;
    throw error;
  }
}

function hasAllLabels(labels: ReadonlyArray<{ name: string }>, wanted: readonly string[] | null): boolean {
  if (wanted === null) return true;
  const names = new Set(labels.map((label) => label.name.toLowerCase()));
  return wanted.every((label) => names.has(label.toLowerCase()));
}

function matchesState(state: string, wanted: IssueSelector["state"]): boolean {
  return wanted === "all" || state === wanted;
}
