import type { Entity } from "../catalog/entity.js";
import type { RawObject } from "../integration/integration.js";
import { evaluateFirst } from "./compile-expression.js";
import type { CompiledResourceMapping, CompiledTree } from "./compile-resource-mapping.js";
import { expandItemsToParse, type ItemsToParseWarning } from "./items-to-parse.js";

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

const SAMPLE_LENGTH = 300;

/** Applies one resource's selector and entity mapping to a page of raw objects, as Ocean does. */
export function mapRawItems(mapping: CompiledResourceMapping, items: readonly RawObject[]): MappingResult {
  const result: MappingResult = {
    entities: [],
    warnings: [],
    filteredOut: 0,
    dropped: 0,
    itemFailures: [],
    fieldFailures: [],
  };
  let objects = items;
  if (mapping.itemsToParse) {
    const expanded = expandItemsToParse(mapping.itemsToParse, items, sampleOf);
    objects = expanded.items;
    result.warnings = expanded.warnings;
  }
  for (const item of objects) {
    const selected = evaluateFirst(mapping.selector, item);
    if (typeof selected.value !== "boolean") {
      result.itemFailures.push({
        resourceIndex: mapping.index,
        kind: mapping.kind,
        code: "SELECTOR_NOT_BOOLEAN",
        message: `selector.query ${JSON.stringify(mapping.selector.source)} must give true or false, gave ${
          selected.error ? `an error: ${selected.error}` : JSON.stringify(selected.value)
        }`,
        sample: sampleOf(item),
      });
      continue;
    }
    if (!selected.value) {
      result.filteredOut++;
      continue;
    }
    const fields: Record<string, unknown> = {};
    const failures: FieldFailure[] = [];
    for (const [key, tree] of mapping.entity) {
      fields[key] = evaluateTree(tree, item, key, (field, expression, error) =>
        failures.push({
          resourceIndex: mapping.index,
          kind: mapping.kind,
          field,
          expression,
          ...(error === undefined ? {} : { error }),
          sample: "",
        }),
      );
    }
    if (failures.length > 0) {
      const sample = sampleOf(item);
      for (const failure of failures) result.fieldFailures.push({ ...failure, sample });
    }
    if (!fields.identifier || !fields.blueprint) {
      result.dropped++;
      continue;
    }
    if (typeof fields.identifier !== "string" || typeof fields.blueprint !== "string") {
      result.itemFailures.push({
        resourceIndex: mapping.index,
        kind: mapping.kind,
        code: "ENTITY_IDENTIFIER_NOT_TEXT",
        message: `identifier and blueprint must be text for the embedded catalog, got ${JSON.stringify(
          fields.identifier,
        )} / ${JSON.stringify(fields.blueprint)}; wrap the expression in tostring or write to Port's API for search identifiers`,
        sample: sampleOf(item),
      });
      continue;
    }
    result.entities.push(toEntity(fields, fields.identifier, fields.blueprint));
  }
  return result;
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

function sampleOf(item: RawObject): string {
  const text = JSON.stringify(item);
  return text.length > SAMPLE_LENGTH ? `${text.slice(0, SAMPLE_LENGTH)}…` : text;
}
