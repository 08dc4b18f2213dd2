import type { ApiBlueprint, ApiEntity } from "../api/types.js";
import { entityPath } from "../entity/entity-path.js";
import { type CellView, describeCell } from "./describe-cell.js";

/** One column of a blueprint's entity table. */
export interface Column {
  /** Stable and unique per table: `identifier`, `title`, `property:<key>` or `relation:<key>`. */
  key: string;
  header: string;
  /** Shown when hovering the header: the raw key, and a relation's target blueprint. */
  hint: string;
  cell: (entity: ApiEntity) => CellView;
}

/** identifier, title, then one column per property, then one per relation — in the blueprint's order. */
export function columnsOf(blueprint: ApiBlueprint): Column[] {
  const columns: Column[] = [
    {
      key: "identifier",
      header: "Identifier",
      hint: "identifier",
      cell: (entity) => ({ kind: "route", path: entityPath(entity), text: entity.identifier }),
    },
    { key: "title", header: "Title", hint: "title", cell: (entity) => describeCell(entity.title) },
  ];
  for (const [key, property] of Object.entries(blueprint.schema.properties)) {
    columns.push({
      key: `property:${key}`,
      header: property.title || key,
      hint: property.format ? `${key} (${property.format})` : key,
      cell: (entity) => describeCell(entity.properties[key], property),
    });
  }
  for (const [key, relation] of Object.entries(blueprint.relations ?? {})) {
    columns.push({
      key: `relation:${key}`,
      header: relation.title || key,
      hint: `${key} → ${relation.target}${relation.many ? " (many)" : ""}`,
      cell: (entity) => describeCell(entity.relations[key]),
    });
  }
  return columns;
}
