import type { Blueprint, BlueprintProperty } from "./blueprint.js";
import type { Entity } from "./entity.js";

/**
 * Checks an entity against its blueprint the way Port refuses one: unknown blueprint, unknown
 * property or relation, a property value of the wrong type or outside its enum. `null` is always
 * accepted (Port stores a missing value). Returns the first problem, or undefined.
 */
export function validateEntity(
  entity: Entity,
  blueprint: Blueprint | undefined,
): { code: string; message: string } | undefined {
  if (!blueprint) {
    return {
      code: "ENTITY_UNKNOWN_BLUEPRINT",
      message: `blueprint "${entity.blueprint}" does not exist; create it or fix the mapping's blueprint expression`,
    };
  }
  for (const [name, value] of Object.entries(entity.properties)) {
    const property = blueprint.schema.properties[name];
    if (!property) {
      return {
        code: "ENTITY_UNKNOWN_PROPERTY",
        message: `property "${name}" is not in blueprint "${blueprint.identifier}"; add it to the blueprint or remove it from the mapping`,
      };
    }
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
  for (const name of Object.keys(entity.relations)) {
    if (!blueprint.relations?.[name]) {
      return {
        code: "ENTITY_UNKNOWN_RELATION",
        message: `relation "${name}" is not in blueprint "${blueprint.identifier}"`,
      };
    }
  }
  return undefined;
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
  if (property.enum && !property.enum.includes(value)) {
    return `${JSON.stringify(value)} is not one of ${JSON.stringify(property.enum)}`;
  }
  return undefined;
}
