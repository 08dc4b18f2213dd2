/**
 * The release processor (spec §5.3): every `release` action; `deleted` deletes the payload's release,
 * others re-fetch `GET /repos/{o}/{r}/releases/{id}` (a 404 — e.g. a release turned back into a draft the
 * token cannot see — deletes it, as the next resync would).
 */
import { z } from "zod";
import type {
  EventResource,
  KindChanges,
  LiveEvent,
  RawObject,
} from "../../engine/integration/integration.js";
import type { GitHubContext } from "../github-context.js";
import { releaseSelectorSchema } from "../kinds/release.js";
import { withRepositoryFields } from "../kinds/repository-item-fields.js";
import { readRepositoryItemDelivery } from "./repository-item-delivery.js";
import { parsePayload } from "./repository-scoped-event.js";

const payloadSchema = z.looseObject({ release: z.looseObject({ id: z.number().int().positive() }) });

export async function handleReleaseEvent(
  context: GitHubContext,
  event: LiveEvent,
  resource: EventResource,
): Promise<KindChanges | null> {
  if (event.name !== "release") return null;
  const selector = releaseSelectorSchema.parse(resource.selector);
  const { release } = parsePayload(event, payloadSchema);
  const delivery = await readRepositoryItemDelivery(context, event, resource, selector.repoSearch);
  if (delivery === null) return null;
  const changes: KindChanges = { kind: resource.kind, upserted: [], deleted: [] };
  const fresh =
    delivery.action === "deleted"
      ? null
      : await delivery.client.getOrNull<RawObject>(
          "GET /repos/{owner}/{repo}/releases/{release_id}",
          { owner: delivery.owner, repo: delivery.repository.name, release_id: release.id },
          {
            purpose: `re-reading release ${release.id} of ${delivery.owner}/${delivery.repository.name} for webhook delivery ${event.deliveryId}`,
          },
        );
  if (fresh === null) changes.deleted.push(withRepositoryFields(release as RawObject, delivery));
  else changes.upserted.push(withRepositoryFields(fresh, delivery));
  return changes;
}
