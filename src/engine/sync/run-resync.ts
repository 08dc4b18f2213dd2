import type { Catalog } from "../catalog/catalog.js";
import type { EntityKey } from "../catalog/entity.js";
import type { Logger } from "../logging/create-logger.js";
import type { BoundMapping, BoundResource } from "../mapping/bind-mapping.js";
import { mapRawItems } from "../mapping/map-raw-items.js";
import { coalescePages } from "./coalesce-pages.js";
import { decideStaleDeletion } from "./decide-stale-deletion.js";
import { failureCode } from "./failure-code.js";
import { RAW_EXAMPLES_PER_KIND, type RawExamples } from "./raw-examples.js";
import type { ResyncHistory } from "./resync-history.js";
import { type Deletion, emptyKindCounts, type ResyncSummary } from "./resync-summary.js";
import type { SyncCursors } from "./sync-cursors.js";

export interface RunResyncOptions {
  mapping: BoundMapping;
  catalog: Catalog;
  history: ResyncHistory;
  dataSource: string;
  trigger: string;
  logger: Logger;
  /** Where a sample of raw objects per kind is kept; undefined when `sendRawDataExamples` is off. */
  rawExamples?: RawExamples;
  /** Called after each batch of pages, for progress bars and the portal's live view. */
  onProgress?: (summary: ResyncSummary) => void;
  /**
   * An incremental run (spec §6): only the resources of incremental kinds, each listing what changed
   * since its cursor (or `firstSince` without one); nothing is deleted; a resource that finishes
   * without error moves its cursor to this run's start.
   */
  incremental?: { cursors: SyncCursors; firstSince: Date };
  /**
   * Stops the resync at the next page once aborted (its reason, a PortolanError, is recorded as the
   * error of the kind it stopped): nothing more is read and nothing is deleted.
   */
  signal?: AbortSignal;
}

const MAX_FIELD_FAILURE_GROUPS = 50;
/** Raw objects mapped and written together at least (a listing page: GitHub's largest is 100). */
const RESYNC_BATCH_SIZE = 100;
const MAX_ENTITY_FAILURES = 100;

/**
 * One full resync: every resource in mapping order, pages streamed through the mapping into the
 * catalog, then guarded stale-entity deletion.
 */
export async function runResync(options: RunResyncOptions): Promise<ResyncSummary> {
  const { mapping, catalog, history, dataSource, logger } = options;
  const { id, startedAt } = await history.start(dataSource, options.trigger);
  const log = logger.child({ resyncId: id });
  const summary: ResyncSummary = {
    id,
    dataSource,
    trigger: options.trigger,
    status: "running",
    startedAt: startedAt.toISOString(),
    kinds: {},
    errors: [],
    deletion: { performed: false, reason: "not reached", candidates: 0 },
    deletions: [],
    refusedDeletions: [],
    entityFailures: [],
    fieldFailures: [],
  };
  const ownedAtStart = await catalog.countEntities(dataSource);
  const blueprintKinds = new Map<string, string>();
  log.info({ resources: mapping.resources.length }, "resync started");
  options.onProgress?.(summary);

  try {
    const { incremental } = options;
    for (const resource of mapping.resources) {
      if (options.signal?.aborted) {
        // Between kinds: the kind not started is named, so the resync is failed and deletes nothing.
        summary.errors.push({
          kind: resource.kind.name,
          resourceIndex: resource.index,
          ...describeStop(options.signal),
        });
        break;
      }
      if (!incremental) {
        await syncResource(resource, options, summary, blueprintKinds, id, log);
        continue;
      }
      if (!resource.kind.incremental) continue;
      const since =
        (await incremental.cursors.get(resource.kind.name, resource.index)) ?? incremental.firstSince;
      const errorsBefore = summary.errors.length;
      await syncResource(resource, options, summary, blueprintKinds, id, log, since);
      // Whole seconds, rounded down: sources stamp changes to the second, so a change in the same
      // second as the start is listed again rather than missed.
      if (summary.errors.length === errorsBefore)
        await incremental.cursors.set(
          resource.kind.name,
          resource.index,
          new Date(Math.floor(startedAt.getTime() / 1000) * 1000),
        );
    }
    if (incremental) {
      summary.deletion = { performed: false, reason: "incremental run: nothing is deleted", candidates: 0 };
    } else {
      await deleteStaleEntities(options, summary, blueprintKinds, { id, startedAt, ownedAtStart }, log);
    }
  } finally {
    await catalog.endResync(id);
  }
  summary.status = summary.errors.length === 0 ? "completed" : "failed";
  summary.finishedAt = new Date().toISOString();
  await history.finish(summary);
  log.info({ status: summary.status, kinds: summary.kinds, deletion: summary.deletion }, "resync finished");
  options.onProgress?.(summary);
  return summary;
}

async function syncResource(
  resource: BoundResource,
  options: RunResyncOptions,
  summary: ResyncSummary,
  blueprintKinds: Map<string, string>,
  resyncId: string,
  log: Logger,
  since?: Date,
): Promise<void> {
  const kindName = resource.kind.name;
  summary.kinds[kindName] ??= emptyKindCounts();
  const counts = summary.kinds[kindName];
  const failureCounts = new Map<string, ResyncSummary["fieldFailures"][number]>();
  const ignoredProperties = new Set<string>();
  try {
    const pages = coalescePages(
      resource.kind.list({
        selector: resource.selector,
        mappingOptions: options.mapping.options,
        ...(since ? { since } : {}),
      }),
      RESYNC_BATCH_SIZE,
    );
    let examplesWanted = options.rawExamples ? RAW_EXAMPLES_PER_KIND : 0;
    for await (const page of pages) {
      options.signal?.throwIfAborted();
      counts.seen += page.length;
      if (examplesWanted > 0 && page.length > 0) {
        // Taken before mapping, so that a broken mapping still leaves examples to test it on.
        await options.rawExamples?.record(kindName, page.slice(0, examplesWanted));
        examplesWanted -= Math.min(examplesWanted, page.length);
      }
      const mapped = mapRawItems(resource.mapping, page);
      counts.filteredOut += mapped.filteredOut;
      counts.dropped += mapped.dropped;
      counts.failed += mapped.itemFailures.length;
      for (const failure of mapped.itemFailures) {
        summary.errors.push({
          kind: kindName,
          resourceIndex: resource.index,
          code: failure.code,
          message: failure.message,
        });
      }
      for (const failure of mapped.fieldFailures) {
        const key = `${failure.field}\u0000${failure.error ?? ""}`;
        const existing = failureCounts.get(key);
        if (existing) existing.count++;
        else if (failureCounts.size < MAX_FIELD_FAILURE_GROUPS) {
          failureCounts.set(key, {
            kind: kindName,
            field: failure.field,
            expression: failure.expression,
            ...(failure.error === undefined ? {} : { error: failure.error }),
            count: 1,
          });
        }
      }
      for (const entity of mapped.entities) blueprintKinds.set(entity.blueprint, kindName);
      const results = await options.catalog.upsertEntities(mapped.entities, {
        dataSource: options.dataSource,
        resyncId,
        merge: options.mapping.config.enableMergeEntity,
        createMissingRelatedEntities: options.mapping.config.createMissingRelatedEntities,
      });
      for (const result of results) {
        if (result.outcome === "failed") {
          counts.failed++;
          if (summary.entityFailures.length < MAX_ENTITY_FAILURES) {
            summary.entityFailures.push({
              kind: kindName,
              ...result.key,
              code: result.error?.code ?? "ENTITY_REFUSED",
              message: result.error?.message ?? "refused by the catalog",
            });
          }
          log.warn(
            { kind: kindName, entity: result.key, error: result.error },
            "entity refused by the catalog",
          );
        } else if (result.outcome === "unchanged") counts.unchanged++;
        else counts.upserted++;
        for (const name of result.ignoredProperties ?? []) {
          if (!ignoredProperties.has(name)) {
            ignoredProperties.add(name);
            log.warn(
              { kind: kindName, blueprint: result.key.blueprint, property: name },
              "mapped property is not in the blueprint and was ignored; add it to the blueprint to keep it",
            );
          }
        }
      }
      options.onProgress?.(summary);
    }
  } catch (error) {
    const code = failureCode(error);
    const message = error instanceof Error ? error.message : String(error);
    const cause =
      error instanceof Error && error.cause !== undefined ? describeCause(error.cause) : undefined;
    summary.errors.push({
      kind: kindName,
      resourceIndex: resource.index,
      code,
      message,
      ...(cause === undefined ? {} : { cause }),
    });
    log.error(
      { kind: kindName, code, err: error },
      "kind failed; stale entities will not be deleted this time",
    );
  }
  summary.fieldFailures.push(...failureCounts.values());
}

function describeStop(signal: AbortSignal): { code: string; message: string } {
  const reason: unknown = signal.reason;
  const code =
    typeof (reason as { code?: unknown })?.code === "string"
      ? (reason as { code: string }).code
      : "RESYNC_STOPPED";
  return { code, message: reason instanceof Error ? reason.message : "the resync was stopped" };
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}

/**
 * Deletes this data source's entities the resync did not see — only when every kind finished
 * without error, only those last written before the resync started, and not beyond the threshold.
 */
async function deleteStaleEntities(
  options: RunResyncOptions,
  summary: ResyncSummary,
  blueprintKinds: Map<string, string>,
  resync: { id: string; startedAt: Date; ownedAtStart: number },
  log: Logger,
): Promise<void> {
  const { catalog, dataSource } = options;
  const threshold = options.mapping.config.entityDeletionThreshold;
  const stale: EntityKey[] =
    summary.errors.length > 0 ? [] : await catalog.staleKeys(dataSource, resync.id, resync.startedAt);
  const decision = decideStaleDeletion({
    errorCount: summary.errors.length,
    staleCount: stale.length,
    ownedAtStart: resync.ownedAtStart,
    threshold,
  });
  if (!decision.allowed || stale.length === 0) {
    summary.deletion = { performed: decision.allowed, reason: decision.reason, candidates: stale.length };
    if (!decision.allowed && summary.errors.length === 0) {
      log.warn({ stale: stale.length, owned: resync.ownedAtStart, threshold }, decision.reason);
    }
    return;
  }
  const { deleted, refused } = await catalog.deleteEntities(stale, dataSource, {
    deleteDependents: options.mapping.config.deleteDependentEntities,
  });
  const staleReason = `not returned by the source in resync ${resync.id} and unchanged since it started`;
  const deletions: Deletion[] = deleted.map(({ blueprint, identifier, dependentOf }) => ({
    blueprint,
    identifier,
    reason: dependentOf
      ? `its required relation points at "${dependentOf.identifier}" (${dependentOf.blueprint}), deleted as stale (deleteDependentEntities)`
      : staleReason,
  }));
  for (const deletion of deletions) {
    const kind = blueprintKinds.get(deletion.blueprint) ?? deletion.blueprint;
    summary.kinds[kind] ??= emptyKindCounts();
    summary.kinds[kind].deleted++;
  }
  summary.deletions = deletions;
  summary.refusedDeletions = refused.map(({ key, error }) => ({
    ...key,
    reason: `${error.code}: ${error.message}`,
  }));
  if (refused.length > 0) log.warn({ refused: refused.length }, "stale entities kept: others require them");
  summary.deletion = {
    performed: true,
    reason: `deleted ${deleted.length} stale entities${refused.length > 0 ? `, kept ${refused.length} that others require` : ""}`,
    candidates: stale.length,
  };
}
