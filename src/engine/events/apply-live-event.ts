import type { Catalog } from "../catalog/catalog.js";
import type { Integration, LiveEvent } from "../integration/integration.js";
import type { Logger } from "../logging/create-logger.js";
import type { BoundMapping } from "../mapping/bind-mapping.js";
import { mapRawItems } from "../mapping/map-raw-items.js";

export interface LiveEventOutcome {
  upserted: number;
  deleted: number;
  failed: number;
}

/**
 * Applies one live event: for every resource of a kind the event touches, the integration says
 * which raw objects changed or are gone, and the same mapping as a resync turns them into
 * entities to write or delete.
 */
export async function applyLiveEvent(
  event: LiveEvent,
  context: {
    integration: Integration;
    mapping: BoundMapping;
    catalog: Catalog;
    dataSource: string;
    logger: Logger;
    /** Aborted when the event ran out of time: nothing more is read or written for it. */
    signal?: AbortSignal;
  },
): Promise<LiveEventOutcome> {
  const { integration, mapping, catalog, dataSource, logger, signal } = context;
  const outcome: LiveEventOutcome = { upserted: 0, deleted: 0, failed: 0 };
  const touched = new Set(integration.kindsTouchedBy(event));
  for (const resource of mapping.resources) {
    if (!touched.has(resource.kind.name)) continue;
    signal?.throwIfAborted();
    const changes = await integration.handleEvent(event, {
      kind: resource.kind.name,
      selector: resource.selector,
      mappingOptions: mapping.options,
    });
    if (!changes) continue;
    const upserts = mapRawItems(resource.mapping, changes.upserted);
    signal?.throwIfAborted();
    const results = await catalog.upsertEntities(upserts.entities, {
      dataSource,
      merge: mapping.config.enableMergeEntity,
      createMissingRelatedEntities: mapping.config.createMissingRelatedEntities,
    });
    for (const result of results) {
      if (result.outcome === "failed") {
        outcome.failed++;
        logger.warn(
          { deliveryId: event.deliveryId, entity: result.key, error: result.error },
          "entity refused",
        );
      } else if (result.outcome !== "unchanged") outcome.upserted++;
    }
    outcome.failed += upserts.itemFailures.length;
    const deletions = mapRawItems(resource.mapping, changes.deleted);
    signal?.throwIfAborted();
    const { deleted, refused } = await catalog.deleteEntities(
      deletions.entities.map((entity) => ({ blueprint: entity.blueprint, identifier: entity.identifier })),
      dataSource,
      { deleteDependents: mapping.config.deleteDependentEntities },
    );
    outcome.deleted += deleted.length;
    outcome.failed += refused.length;
    for (const refusal of refused) {
      logger.warn(
        { deliveryId: event.deliveryId, entity: refusal.key, error: refusal.error },
        "delete refused",
      );
    }
  }
  return outcome;
}
