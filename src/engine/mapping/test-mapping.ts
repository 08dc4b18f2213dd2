import type { Entity } from "../catalog/entity.js";
import type { RawObject } from "../integration/integration.js";
import type { CompiledResourceMapping } from "./compile-resource-mapping.js";
import { expandRawItems, type FieldFailure, mapRawObject } from "./map-raw-items.js";

/** Most raw objects one mapping test runs over (the stored examples are 5 per kind). */
export const MAX_TEST_ITEMS = 20;

/** Wall time one mapping test may take; each jq evaluation also has its own budget. */
export const TEST_TIME_BUDGET_MS = 5_000;

/**
 * A failure, per mapping field (`properties.url`) or per object (`selector.query`, `identifier`).
 * `empty`: the expression ran but gave null or nothing (a missing README, say), which is not always a
 * mistake.
 */
export interface TestError {
  field: string;
  message: string;
  empty?: true;
  /** With itemsToParse, the element (0-based) of the parsed array whose object failed. */
  element?: number;
}

export interface TestedEntity {
  entity: Entity;
  /** The failures of this entity's own fields (with itemsToParse, of its element only). */
  errors: TestError[];
}

export interface ItemTestResult {
  raw: RawObject;
  /** What the item became: usually one entity, several with itemsToParse, none when filtered out. */
  entities: TestedEntity[];
  /** The selector query gave false (with itemsToParse: for at least one element). */
  filteredOut: boolean;
  /** The identifier or blueprint came out empty: Ocean drops the item without an error. */
  dropped: boolean;
  /** With itemsToParse: which elements (0-based) of the parsed array were filtered out, and dropped. */
  elements?: { filteredOut: number[]; dropped: number[] };
  /** The failures that belong to no entity: itemsToParse, the selector, a dropped or refused object. */
  errors: TestError[];
  /** Not run: the test's time budget was spent on the items before it. */
  skipped?: true;
}

/**
 * Runs one resource's real mapping over each raw object on its own, so every result says which
 * object it came from — raw → entities, filtered out, or the fields that failed and why — and, with
 * itemsToParse, which of the object's entities (or elements) each failure belongs to.
 */
export function testMapping(
  mapping: CompiledResourceMapping,
  items: readonly RawObject[],
  now: () => number = () => performance.now(),
): ItemTestResult[] {
  const deadline = now() + TEST_TIME_BUDGET_MS;
  return items.map((raw): ItemTestResult => {
    const result: ItemTestResult = { raw, entities: [], filteredOut: false, dropped: false, errors: [] };
    if (now() > deadline) {
      return {
        ...result,
        errors: [{ field: "", message: "not run: the test took too long" }],
        skipped: true,
      };
    }
    const { objects, warnings } = expandRawItems(mapping, [raw]);
    const elements = mapping.itemsToParse
      ? { filteredOut: [] as number[], dropped: [] as number[] }
      : undefined;
    if (elements) result.elements = elements;
    for (const warning of warnings) result.errors.push({ field: "itemsToParse", message: warning.message });
    objects.forEach((object, element) => {
      const mapped = mapRawObject(mapping, object);
      if (mapped.outcome === "entity") {
        result.entities.push({ entity: mapped.entity, errors: mapped.fieldFailures.map(fieldError) });
        return;
      }
      // No entity to show them at: the element says which object of the raw one failed.
      const at = mapping.itemsToParse ? { element } : {};
      if (mapped.outcome === "failed") {
        const { code, message } = mapped.itemFailure;
        result.errors.push({
          field: code === "SELECTOR_NOT_BOOLEAN" ? "selector.query" : "identifier",
          message,
          ...at,
        });
      }
      if (mapped.outcome === "filteredOut") {
        result.filteredOut = true;
        elements?.filteredOut.push(element);
      }
      if (mapped.outcome === "dropped") {
        result.dropped = true;
        elements?.dropped.push(element);
      }
      for (const failure of mapped.fieldFailures) result.errors.push({ ...fieldError(failure), ...at });
    });
    return result;
  });
}

function fieldError(failure: FieldFailure): TestError {
  return failure.error === undefined
    ? {
        field: failure.field,
        message: `${JSON.stringify(failure.expression)} gave null or nothing`,
        empty: true,
      }
    : { field: failure.field, message: failure.error };
}
