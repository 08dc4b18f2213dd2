import { type CompiledExpression, compileExpression } from "./compile-expression.js";
import { type CompiledItemsToParse, compileItemsToParse } from "./items-to-parse.js";
import type { EntityMappings, ResourceConfig, SearchQuery } from "./port-app-config-schema.js";

/** A mapping value with every jq leaf compiled; objects and arrays keep the mapping's shape. */
export type CompiledTree =
  | { readonly type: "expression"; readonly expression: CompiledExpression }
  | { readonly type: "object"; readonly entries: ReadonlyArray<readonly [string, CompiledTree]> }
  | { readonly type: "array"; readonly items: readonly CompiledTree[] };

export interface CompiledResourceMapping {
  readonly index: number;
  readonly kind: string;
  readonly selector: CompiledExpression;
  readonly itemsToParse: CompiledItemsToParse | undefined;
  /** Only the keys the user wrote: an unset `team` is not sent (Ocean dumps with exclude-unset). */
  readonly entity: ReadonlyArray<readonly [keyof EntityMappings, CompiledTree]>;
}

export function compileResourceMapping(resource: ResourceConfig, index: number): CompiledResourceMapping {
  const mappings = resource.port.entity.mappings;
  const entity: Array<readonly [keyof EntityMappings, CompiledTree]> = [];
  for (const key of Object.keys(mappings) as Array<keyof EntityMappings>) {
    const value = mappings[key];
    if (value !== undefined) entity.push([key, compileTree(value)]);
  }
  const { itemsToParse, itemsToParseName, itemsToParseTopLevelTransform } = resource.port;
  return {
    index,
    kind: resource.kind,
    selector: compileExpression(resource.selector.query),
    itemsToParse: itemsToParse
      ? compileItemsToParse(itemsToParse, itemsToParseName, itemsToParseTopLevelTransform)
      : undefined,
    entity,
  };
}

function compileTree(value: string | SearchQuery | Record<string, unknown> | unknown[]): CompiledTree {
  if (typeof value === "string") return { type: "expression", expression: compileExpression(value) };
  if (Array.isArray(value)) return { type: "array", items: value.map((item) => compileTree(item as string)) };
  return {
    type: "object",
    entries: Object.entries(value).map(([key, item]) => [key, compileTree(item as string)] as const),
  };
}
