/**
 * The branch processor (spec §5.3/§5.4): `create`/`delete` deliveries with `ref_type: branch`, and `push`
 * to `refs/heads/*`. The branch must pass the selector's `defaultBranchOnly` (payload
 * `repository.default_branch`) or `branchNames` (exact) filter. A deletion (`delete`, or a push with
 * `deleted: true`) deletes `{name}`; otherwise the branch is re-read in full, with `__protection_rules`
 * when the selector asks, exactly as the resync builds it.
 */
import { z } from "zod";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { type BranchSelector, branchSelectorSchema } from "../kinds/branch-selector.js";
import { GIT_REF_NAME_RULES, isGitRefName } from "../kinds/git-ref-name.js";
import { completeBranch, fetchBranch } from "../kinds/read-branch.js";
import { withRepositoryFields } from "../kinds/repository-item-fields.js";
import { readRepositoryItemDelivery } from "./repository-item-delivery.js";
import { parsePayload } from "./repository-scoped-event.js";

const refPayloadSchema = z.looseObject({ ref: z.string().min(1), ref_type: z.string() });
const pushPayloadSchema = z.looseObject({ ref: z.string().min(1), deleted: z.boolean().optional() });
const branchNameSchema = z.looseObject({ ref: z.string().refine(isGitRefName, GIT_REF_NAME_RULES) });

/** The branch a delivery is about and whether it was deleted; null when it is not about a branch. */
export function branchOfDelivery(event: LiveEvent): { name: string; deleted: boolean } | null {
  if (event.name === "create" || event.name === "delete") {
    const payload = parsePayload(event, refPayloadSchema);
    if (payload.ref_type !== "branch") return null;
    parsePayload(event, branchNameSchema);
    return { name: payload.ref, deleted: event.name === "delete" };
  }
  if (event.name === "push") {
    const payload = parsePayload(event, pushPayloadSchema);
    if (!payload.ref.startsWith("refs/heads/")) return null;
    const name = payload.ref.slice("refs/heads/".length);
    parsePayload({ ...event, payload: { ref: name } }, branchNameSchema);
    return { name, deleted: payload.deleted === true };
  }
  return null;
}

export async function handleBranchEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  const branch = branchOfDelivery(event);
  if (branch === null) return null;
  const selector = branchSelectorSchema.parse(resource.selector);
  const delivery = await readRepositoryItemDelivery(context, event, resource, selector.repoSearch);
  if (delivery === null || !selected(branch.name, delivery.repository, selector)) return null;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  const full = branch.deleted
    ? null
    : await fetchBranch(delivery.client, delivery.repository, branch.name, {});
  // A branch deleted again before this delivery was processed is gone either way.
  if (full === null) {
    changes.deleted.push(withRepositoryFields({ name: branch.name }, delivery, { repositoryObject: true }));
    return changes;
  }
  changes.upserted.push(
    await completeBranch(delivery.client, full, delivery, { protectionRules: selector.protectionRules }, {}),
  );
  return changes;
}

function selected(name: string, repository: RawObject, selector: BranchSelector): boolean {
  if (selector.defaultBranchOnly) return name === repository.default_branch;
  if (selector.branchNames.length > 0) return selector.branchNames.includes(name);
  return true;
}
