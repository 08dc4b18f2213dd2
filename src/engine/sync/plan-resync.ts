import type { Blueprint } from "../catalog/blueprint.js";
import type { Catalog } from "../catalog/catalog.js";
import { type EntityKey, entityKeyString } from "../catalog/entity.js";
import { relationTargets } from "../catalog/validate-entity.js";
import type { BoundMapping } from "../mapping/bind-mapping.js";
import { mapRawItems } from "../mapping/map-raw-items.js";
import { decideStaleDeletion, type StaleDeletionDecision } from "./decide-stale-deletion.js";
import { failureCode } from "./failure-code.js";
import type { ResyncError } from "./resync-summary.js";

/** What a resync would do for one kind. */
export interface KindPlan {
  seen: number;
  create: number;
  update: number;
  unchanged: number;
  failed: number;
  filteredOut: number;
  dropped: number;
  delete: number;
}

export interface ResyncPlan {
  dataSource: string;
  /** Default blueprints that do not exist yet: a real run creates them first. */
  blueprintsToCreate: string[];
  kinds: Record<string, KindPlan>;
  errors: ResyncError[];
  deletion: StaleDeletionDecision & { candidates: number };
  /** The first entities of each action (all of them are counted in `kinds`). */
  samples: {
    create: EntityKey[];
    update: EntityKey[];
    delete: EntityKey[];
    failed: Array<EntityKey & { code: string; message: string }>;
  };
}

/** How many keys per action the plan lists by name. */
export const PLAN_SAMPLE_SIZE = 50;

/**
 * What a resync would create, update and delete, without writing: the same listing and mapping,
 * the catalog's comparison instead of its write. It holds the keys seen in memory to find what
 * would be deleted, which a real resync keeps in the store.
 */
export async function planResync(options: {
  mapping: BoundMapping;
  catalog: Catalog;
  dataSource: string;
  /** The integration's default blueprints: those missing would be created at first start. */
  defaultBlueprints?: readonly Blueprint[];
  onProgress?: (plan: ResyncPlan) => void;
}): Promise<ResyncPlan> {
  const { mapping, catalog, dataSource } = options;
  const config = mapping.config;
  const plan: ResyncPlan = {
    dataSource,
    blueprintsToCreate: [],
    kinds: {},
    errors: [],
    deletion: { allowed: false, reason: "not reached", candidates: 0 },
    samples: { create: [], update: [], delete: [], failed: [] },
  };
  const seen = new Set<string>();
  const blueprints = new Map<string, Blueprint>(
    (await catalog.listBlueprints()).map((blueprint) => [blueprint.identifier, blueprint]),
  );
  const pendingBlueprints = (options.defaultBlueprints ?? []).filter(
    (blueprint) => !blueprints.has(blueprint.identifier),
  );
  for (const blueprint of pendingBlueprints) blueprints.set(blueprint.identifier, blueprint);
  plan.blueprintsToCreate = pendingBlueprints.map((blueprint) => blueprint.identifier);
  const blueprintKinds = new Map<string, string>();
  for (const resource of mapping.resources) {
    const kindName = resource.kind.name;
    plan.kinds[kindName] ??= emptyKindPlan();
    const counts = plan.kinds[kindName];
    try {
      for await (const page of resource.kind.list({
        selector: resource.selector,
        mappingOptions: mapping.options,
      })) {
        counts.seen += page.length;
        const mapped = mapRawItems(resource.mapping, page);
        counts.filteredOut += mapped.filteredOut;
        counts.dropped += mapped.dropped;
        counts.failed += mapped.itemFailures.length;
        for (const failure of mapped.itemFailures) {
          plan.errors.push({
            kind: kindName,
            resourceIndex: resource.index,
            code: failure.code,
            message: failure.message,
          });
        }
        const results = await catalog.compareEntities(
          mapped.entities,
          {
            dataSource,
            merge: config.enableMergeEntity,
            createMissingRelatedEntities: config.createMissingRelatedEntities,
          },
          pendingBlueprints,
        );
        for (const entity of mapped.entities) {
          seen.add(entityKeyString(entity));
          blueprintKinds.set(entity.blueprint, kindName);
          if (config.createMissingRelatedEntities) {
            const relations = blueprints.get(entity.blueprint)?.relations ?? {};
            for (const [name, value] of Object.entries(entity.relations)) {
              const target = relations[name]?.target;
              if (!target) continue;
              for (const identifier of relationTargets(value)) {
                seen.add(entityKeyString({ blueprint: target, identifier }));
              }
            }
          }
        }
        for (const result of results) {
          if (result.outcome === "created") {
            counts.create++;
            sample(plan.samples.create, result.key);
          } else if (result.outcome === "updated") {
            counts.update++;
            sample(plan.samples.update, result.key);
          } else if (result.outcome === "unchanged") counts.unchanged++;
          else {
            counts.failed++;
            sample(plan.samples.failed, {
              ...result.key,
              code: result.error?.code ?? "ENTITY_REFUSED",
              message: result.error?.message ?? "",
            });
          }
        }
        options.onProgress?.(plan);
      }
    } catch (error) {
      plan.errors.push({
        kind: kindName,
        resourceIndex: resource.index,
        code: failureCode(error),
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const owned = await catalog.ownedKeys(dataSource);
  // Relation targets count as seen when stubs may be created, as in a resync.
  const stale = owned.filter((key) => !seen.has(entityKeyString(key)));
  const decision = decideStaleDeletion({
    errorCount: plan.errors.length,
    staleCount: stale.length,
    ownedAtStart: owned.length,
    threshold: config.entityDeletionThreshold,
  });
  plan.deletion = { ...decision, candidates: plan.errors.length > 0 ? 0 : stale.length };
  if (decision.allowed) {
    for (const key of stale) {
      const kind = blueprintKinds.get(key.blueprint) ?? key.blueprint;
      plan.kinds[kind] ??= emptyKindPlan();
      plan.kinds[kind].delete++;
      sample(plan.samples.delete, key);
    }
  }
  options.onProgress?.(plan);
  return plan;
}

function sample<T>(list: T[], item: T): void {
  if (list.length < PLAN_SAMPLE_SIZE) list.push(item);
}

function emptyKindPlan(): KindPlan {
  return { seen: 0, create: 0, update: 0, unchanged: 0, failed: 0, filteredOut: 0, dropped: 0, delete: 0 };
}
