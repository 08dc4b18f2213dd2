import type { Blueprint } from "./blueprint.js";
import type { Entity } from "./entity.js";

/**
 * Port ignores a mapped property its blueprint does not define instead of refusing the entity:
 * Ocean's own default mapping sets `prNumber` on `githubPullRequest`, whose default blueprint has no
 * such property, and those pull requests still land in Port. The catalog does the same and names
 * what it ignored so the mapping's author can add the property to the blueprint.
 */
export function dropUnknownProperties(
  entity: Entity,
  blueprint: Blueprint | undefined,
): { entity: Entity; ignoredProperties: string[] } {
  if (!blueprint) return { entity, ignoredProperties: [] };
  const ignoredProperties = Object.keys(entity.properties).filter(
    (name) => blueprint.schema.properties[name] === undefined,
  );
  if (ignoredProperties.length === 0) return { entity, ignoredProperties };
  const properties = Object.fromEntries(
    Object.entries(entity.properties).filter(([name]) => blueprint.schema.properties[name] !== undefined),
  );
  return { entity: { ...entity, properties }, ignoredProperties };
}
