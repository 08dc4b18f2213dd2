/**
 * The tag processor (spec §5.3, §4.10): `create`/`delete` deliveries with `ref_type: tag`. A created tag
 * is re-read as a git ref (`GET /repos/{o}/{r}/git/ref/tags/{tag}`) and shaped like a listed tag (`name`,
 * `commit.sha`); a deleted one is `{name}`. Both carry `__repository`, `__repository_object`,
 * `__organization`, as the resync's tags do.
 */
import { z } from "zod";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { GIT_REF_NAME_RULES, isGitRefName } from "../kinds/git-ref-name.js";
import { branchPath } from "../kinds/read-branch.js";
import { withRepositoryFields } from "../kinds/repository-item-fields.js";
import { tagFromGitRef, tagSelectorSchema } from "../kinds/tag.js";
import { readRepositoryItemDelivery } from "./repository-item-delivery.js";
import { parsePayload } from "./repository-scoped-event.js";

const payloadSchema = z.looseObject({ ref: z.string().min(1), ref_type: z.string() });
const tagNameSchema = z.looseObject({ ref: z.string().refine(isGitRefName, GIT_REF_NAME_RULES) });

export async function handleTagEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  if (event.name !== "create" && event.name !== "delete") return null;
  const { ref, ref_type: refType } = parsePayload(event, payloadSchema);
  if (refType !== "tag") return null;
  parsePayload(event, tagNameSchema);
  const selector = tagSelectorSchema.parse(resource.selector);
  const delivery = await readRepositoryItemDelivery(context, event, resource, selector.repoSearch);
  if (delivery === null) return null;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  const fields = (item: RawObject) => withRepositoryFields(item, delivery, { repositoryObject: true });
  const gitRef =
    event.name === "delete"
      ? null
      : await delivery.client.getOrNull<RawObject>(
          `GET /repos/{owner}/{repo}/git/ref/tags/${branchPath(ref)}`,
          { owner: delivery.owner, repo: delivery.repository.name },
          {
            purpose: `reading tag ${ref} of ${delivery.owner}/${delivery.repository.name} for webhook delivery ${event.deliveryId}`,
          },
        );
  // A tag deleted again before this delivery was processed is gone either way.
  if (gitRef === null) changes.deleted.push(fields({ name: ref }));
  else changes.upserted.push(fields(tagFromGitRef(gitRef, ref)));
  return changes;
}
