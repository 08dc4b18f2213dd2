import type { Entity } from "../catalog/entity.js";
import type { RawObject } from "../integration/integration.js";
import type { CompiledResourceMapping } from "./compile-resource-mapping.js";
import { mapRawItems } from "./map-raw-items.js";

/** Most raw objects one mapping test runs over (the stored examples are 5 per kind). */
export const MAX_TEST_ITEMS = 20;

/** Wall time one mapping test may take; each jq evaluation also has its own budget. */
export const TEST_TIME_BUDGET_MS = 5_000;

export interface ItemTestResult {
  raw: RawObject;
  /** What the item became: usually one entity, several with itemsToParse, none when filtered out. */
  entities: Entity[];
  /** The selector query gave false. */
  filteredOut: boolean;
  /** The identifier or blueprint came out empty: Ocean drops the item without an error. */
  dropped: boolean;
  /**
   * Per mapping field (`properties.url`), and per item (`selector.query`, `identifier`). `empty`: the
   * expression ran but gave null or nothing (a missing README, say), which is not always a mistake.
   */
  errors: Array<{ field: string; message: string; empty?: true }>;
  /** Not run: the test's time budget was spent on the items before it. */
  skipped?: true;
}

/**
 * Runs one resource's real mapping over each raw object on its own, so every result says which
 * object it came from — raw → entity, filtered out, or the fields that failed and why.
 */
export function testMapping(
  mapping: CompiledResourceMapping,
  items: readonly RawObject[],
  now: () => number = () => performance.now(),
): ItemTestResult[] {
  const deadline = now() + TEST_TIME_BUDGET_MS;
  return items.map((raw): ItemTestResult => {
    const base = { raw, entities: [], filteredOut: false, dropped: false };
    if (now() > deadline) {
      return { ...base, errors: [{ field: "", message: "not run: the test took too long" }], skipped: true };
    }
    const result = mapRawItems(mapping, [raw]);
    const errors = [
      ...result.warnings.map((warning) => ({ field: "itemsToParse", message: warning.message })),
      ...result.itemFailures.map((failure) => ({
        field: failure.code === "SELECTOR_NOT_BOOLEAN" ? "selector.query" : "identifier",
        message: failure.message,
      })),
      ...result.fieldFailures.map((failure) =>
        failure.error === undefined
          ? {
              field: failure.field,
              message: `${JSON.stringify(failure.expression)} gave null or nothing`,
              empty: true as const,
            }
          : { field: failure.field, message: failure.error },
      ),
    ];
    return {
      raw,
      entities: result.entities,
      filteredOut: result.filteredOut > 0,
      dropped: result.dropped > 0,
      errors,
    };
  });
}
