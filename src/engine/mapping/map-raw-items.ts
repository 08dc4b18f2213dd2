import type { Entity } from "../catalog/entity.js";
import type { RawObject } from "../integration/integration.js";
import { evaluateFirst } from "./compile-expression.js";
import type { CompiledResourceMapping, CompiledTree } from "./compile-resource-mapping.js";
import { expandItemsToParse, type ItemsToParseWarning } from "./items-to-parse.js";
import { jsonPrefix } from "./json-prefix.js";

/** One mapping field that gave no value for one raw object (Ocean logs these as misconfigurations). */
export interface FieldFailure {
  resourceIndex: number;
  kind: string;
  /** Dot path inside the entity, e.g. `properties.url` or `relations.owner.rules[0].value`. */
  field: string;
  expression: string;
  /** The jq error; absent when the expression ran but gave null or nothing. */
  error?: string;
  /** The start of the raw object, to see why. */
  sample: string;
}

/** A raw object the resource could not turn into an entity. */
export interface ItemFailure {
  resourceIndex: number;
  kind: string;
  code: "SELECTOR_NOT_BOOLEAN" | "ENTITY_IDENTIFIER_NOT_TEXT";
  message: string;
  sample: string;
}

export interface MappingResult {
  entities: Entity[];
  /** Objects itemsToParse skipped (the expression gave no array), with why. */
  warnings: ItemsToParseWarning[];
  /** Objects the selector query rejected. */
  filteredOut: number;
  /** Objects whose identifier or blueprint came out empty, null, 0 or false (Ocean drops them). */
  dropped: number;
  itemFailures: ItemFailure[];
  fieldFailures: FieldFailure[];
}

/** What one object (after itemsToParse) became, with the failures of its own fields. */
export type MappedObject = { fieldFailures: FieldFailure[] } & (
  | { outcome: "entity"; entity: Entity }
  | { outcome: "filteredOut" | "dropped" }
  | { outcome: "failed"; itemFailure: ItemFailure }
);

const SAMPLE_LENGTH = 300;

/** Applies one resource's selector and entity mapping to a page of raw objects, as Ocean does. */
export function mapRawItems(mapping: CompiledResourceMapping, items: readonly RawObject[]): MappingResult {
  const { objects, warnings } = expandRawItems(mapping, items);
  const result: MappingResult = {
    entities: [],
    warnings,
    filteredOut: 0,
    dropped: 0,
    itemFailures: [],
    fieldFailures: [],
  };
  for (const object of objects) {
    const mapped = mapRawObject(mapping, object);
    for (const failure of mapped.fieldFailures) result.fieldFailures.push(failure);
    if (mapped.outcome === "entity") result.entities.push(mapped.entity);
    else if (mapped.outcome === "failed") result.itemFailures.push(mapped.itemFailure);
    else result[mapped.outcome]++;
  }
  return result;
}

/** The objects a resource maps: the raw objects, or with itemsToParse one per element, in order. */
export function expandRawItems(
  mapping: CompiledResourceMapping,
  items: readonly RawObject[],
): { objects: readonly RawObject[]; warnings: ItemsToParseWarning[] } {
  if (!mapping.itemsToParse) return { objects: items, warnings: [] };
  const expanded = expandItemsToParse(mapping.itemsToParse, items, sampleOf);
  return { objects: expanded.items, warnings: expanded.warnings };
}

/** Applies the selector and entity mapping to one object that itemsToParse already expanded. */
export function mapRawObject(mapping: CompiledResourceMapping, item: RawObject): MappedObject {
  const selected = evaluateFirst(mapping.selector, item);
  if (typeof selected.value !== "boolean") {
    return {
      outcome: "failed",
      fieldFailures: [],
      itemFailure: {
        resourceIndex: mapping.index,
        kind: mapping.kind,
        code: "SELECTOR_NOT_BOOLEAN",
        message: `selector.query ${JSON.stringify(mapping.selector.source)} must give true or false, gave ${
          selected.error ? `an error: ${selected.error}` : JSON.stringify(selected.value)
        }`,
        sample: sampleOf(item, mapping),
      },
    };
  }
  if (!selected.value) return { outcome: "filteredOut", fieldFailures: [] };
  const fields: Record<string, unknown> = {};
  const fieldFailures: FieldFailure[] = [];
  for (const [key, tree] of mapping.entity) {
    fields[key] = evaluateTree(tree, item, key, (field, expression, error) =>
      fieldFailures.push({
        resourceIndex: mapping.index,
        kind: mapping.kind,
        field,
        expression,
        ...(error === undefined ? {} : { error }),
        sample: "",
      }),
    );
  }
  if (fieldFailures.length > 0) {
    const sample = sampleOf(item, mapping);
    for (const failure of fieldFailures) failure.sample = sample;
  }
  if (!fields.identifier || !fields.blueprint) return { outcome: "dropped", fieldFailures };
  if (typeof fields.identifier !== "string" || typeof fields.blueprint !== "string") {
    return {
      outcome: "failed",
      fieldFailures,
      itemFailure: {
        resourceIndex: mapping.index,
        kind: mapping.kind,
        code: "ENTITY_IDENTIFIER_NOT_TEXT",
        message: `identifier and blueprint must be text for the embedded catalog, got ${JSON.stringify(
          fields.identifier,
        )} / ${JSON.stringify(fields.blueprint)}; wrap the expression in tostring or write to Port's API for search identifiers`,
        sample: sampleOf(item, mapping),
      },
    };
  }
  return { outcome: "entity", entity: toEntity(fields, fields.identifier, fields.blueprint), fieldFailures };
}

function toEntity(fields: Record<string, unknown>, identifier: string, blueprint: string): Entity {
  const entity: Entity = {
    identifier,
    blueprint,
    properties: (fields.properties as Record<string, unknown> | undefined) ?? {},
    relations: (fields.relations as Record<string, unknown> | undefined) ?? {},
  };
  if ("title" in fields) entity.title = fields.title === null ? null : String(fields.title);
  if ("icon" in fields) entity.icon = typeof fields.icon === "string" ? fields.icon : null;
  if ("team" in fields) entity.team = fields.team;
  return entity;
}

type FailureSink = (field: string, expression: string, error: string | undefined) => void;

function evaluateTree(tree: CompiledTree, item: RawObject, path: string, fail: FailureSink): unknown {
  switch (tree.type) {
    case "expression": {
      const outcome = evaluateFirst(tree.expression, item);
      if (outcome.value === null) fail(path, tree.expression.source, outcome.error);
      return outcome.value;
    }
    case "array":
      return tree.items.map((child, index) => evaluateTree(child, item, `${path}[${index}]`, fail));
    case "object": {
      const value: Record<string, unknown> = {};
      for (const [key, child] of tree.entries) value[key] = evaluateTree(child, item, `${path}.${key}`, fail);
      return value;
    }
  }
}

/**
 * The start of an object, to see why it failed. With itemsToParse the element goes first: after a
 * large parent it would be cut off, and every element's failure would show the same start.
 */
function sampleOf(item: RawObject, mapping?: CompiledResourceMapping): string {
  const name = mapping?.itemsToParse?.name;
  const shown = name === undefined ? item : { [name]: item[name], ...item };
  const text = jsonPrefix(shown, SAMPLE_LENGTH + 1);
  return text.length > SAMPLE_LENGTH ? `${text.slice(0, SAMPLE_LENGTH)}…` : text;
}
