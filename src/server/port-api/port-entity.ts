import { z } from "zod";
import type { Entity, StoredEntity } from "../../engine/catalog/entity.js";

/** An entity in a write body; the blueprint comes from the path. */
export const entityBodySchema = z.looseObject({
  identifier: z.string().min(1, "identifier is empty").max(1000),
  title: z.string().nullish(),
  icon: z.string().nullish(),
  team: z.union([z.string(), z.array(z.string())]).nullish(),
  properties: z.record(z.string(), z.unknown()).default({}),
  relations: z.record(z.string(), z.unknown()).default({}),
});

export type EntityBody = z.output<typeof entityBodySchema>;

export function entityFromBody(blueprint: string, body: EntityBody): Entity {
  return {
    identifier: body.identifier,
    blueprint,
    ...(body.title === undefined ? {} : { title: body.title }),
    ...(body.icon === undefined ? {} : { icon: body.icon }),
    ...(body.team === undefined || body.team === null ? {} : { team: body.team }),
    properties: body.properties,
    relations: body.relations,
  };
}

/** An entity as Port's API returns it. */
export function portEntity(entity: StoredEntity): Record<string, unknown> {
  return {
    identifier: entity.identifier,
    blueprint: entity.blueprint,
    title: entity.title ?? null,
    icon: entity.icon ?? null,
    team: entity.team === undefined || entity.team === null ? [] : entity.team,
    properties: entity.properties,
    relations: entity.relations,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

/**
 * Port's `include` query parameter: only the named fields (`identifier`, `$title`,
 * `properties.size`, `relations.owner`) are returned.
 */
export function includeFields(
  entity: Record<string, unknown>,
  include: readonly string[],
): Record<string, unknown> {
  if (include.length === 0) return entity;
  const picked: Record<string, unknown> = {};
  for (const field of include) {
    const [head = "", name] = field.replace(/^\$/, "").split(".", 2);
    const value = entity[head];
    if (name === undefined) {
      if (value !== undefined) picked[head] = value;
    } else if (value && typeof value === "object" && name in value) {
      picked[head] = {
        ...(picked[head] as object | undefined),
        [name]: (value as Record<string, unknown>)[name],
      };
    }
  }
  return picked;
}

/** `?include=a&include=b` arrives as an array, a single one as a string. */
export const includeQuery = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

/** Port's boolean query parameters arrive as "true"/"false". */
export const booleanQuery = z
  .enum(["true", "false"])
  .optional()
  .transform((value) => (value === undefined ? undefined : value === "true"));
