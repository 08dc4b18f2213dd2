import type { Blueprint, BlueprintProperty } from "./blueprint.js";
import { checkPropertyFormat } from "./check-property-format.js";
import type { Entity } from "./entity.js";

export interface EntityProblem {
  code: string;
  message: string;
}

/**
 * Checks an entity against its blueprint the way Port refuses one: unknown blueprint, unknown
 * relation, a property value of the wrong type or format or outside its enum, a
 * missing required property or relation, a relation value that is not an identifier (or, for a
 * `many` relation, an array of them). `null` is accepted where nothing is required (Port stores a
 * missing value). Whether relation targets exist is the catalog's check. Returns the first problem.
 */
export function validateEntity(
  entity: Entity,
  blueprints: ReadonlyMap<string, Blueprint>,
): EntityProblem | undefined {
  const blueprint = blueprints.get(entity.blueprint);
  if (!blueprint) {
    return {
      code: "ENTITY_UNKNOWN_BLUEPRINT",
      message: `blueprint "${entity.blueprint}" does not exist; create it or fix the mapping's blueprint expression`,
    };
  }
  for (const [name, value] of Object.entries(entity.properties)) {
    const property = blueprint.schema.properties[name];
    // Properties the blueprint does not define were dropped before (see drop-unknown-properties.ts).
    if (!property) continue;
    const problem = checkPropertyValue(value, property);
    if (problem) {
      return { code: "ENTITY_INVALID_PROPERTY", message: `property "${name}": ${problem}` };
    }
  }
  for (const name of blueprint.schema.required ?? []) {
    const value = entity.properties[name];
    if (value === undefined || value === null) {
      return { code: "ENTITY_MISSING_REQUIRED", message: `required property "${name}" has no value` };
    }
  }
  for (const [name, value] of Object.entries(entity.relations)) {
    const relation = blueprint.relations?.[name];
    if (!relation) {
      return {
        code: "ENTITY_UNKNOWN_RELATION",
        message: `relation "${name}" is not in blueprint "${blueprint.identifier}"`,
      };
    }
    if (!blueprints.has(relation.target)) {
      return {
        code: "ENTITY_UNKNOWN_RELATION_TARGET",
        message: `relation "${name}" of blueprint "${blueprint.identifier}" targets blueprint "${relation.target}", which does not exist; create it or fix the relation`,
      };
    }
    const shapeProblem = checkRelationValue(value, relation.many === true);
    if (shapeProblem) {
      return { code: "ENTITY_INVALID_RELATION", message: `relation "${name}": ${shapeProblem}` };
    }
  }
  for (const [name, relation] of Object.entries(blueprint.relations ?? {})) {
    if (relation.required && relationTargets(entity.relations[name]).length === 0) {
      return { code: "ENTITY_MISSING_REQUIRED", message: `required relation "${name}" has no target` };
    }
  }
  return undefined;
}

/** The identifiers a relation value points at (one for a single relation, any number for `many`). */
export function relationTargets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

function checkRelationValue(value: unknown, many: boolean): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (many) {
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) return undefined;
    return `a "many" relation takes an array of identifiers, got ${JSON.stringify(value).slice(0, 80)}`;
  }
  if (typeof value === "string") return undefined;
  return `takes one identifier, got ${JSON.stringify(value).slice(0, 80)}${
    Array.isArray(value) ? ' (set "many: true" on the relation for several)' : ""
  }`;
}

function checkPropertyValue(value: unknown, property: BlueprintProperty): string | undefined {
  if (value === null || value === undefined) return undefined;
  const actual = Array.isArray(value) ? "array" : typeof value;
  const expected = property.type;
  const matches =
    expected === undefined ||
    (expected === "string" && actual === "string") ||
    (expected === "number" && actual === "number") ||
    (expected === "boolean" && actual === "boolean") ||
    (expected === "array" && actual === "array") ||
    (expected === "object" && actual === "object");
  if (!matches) return `expected ${expected}, got ${actual} (${JSON.stringify(value).slice(0, 80)})`;
  if (typeof value === "string") {
    const formatProblem = checkPropertyFormat(value, property.format);
    if (formatProblem) return formatProblem;
  }
  if (Array.isArray(value) && property.items) {
    for (const item of value) {
      const itemProblem = checkPropertyValue(item, property.items as BlueprintProperty);
      if (itemProblem) return `an item: ${itemProblem}`;
    }
  }
  if (property.enum && !property.enum.includes(value)) {
    return `${JSON.stringify(value)} is not one of ${JSON.stringify(property.enum)}`;
  }
  return undefined;
}
