import { canonicalJson } from "./canonical-json.js";
import type { Catalog } from "./catalog.js";
import type { CatalogBrowser } from "./catalog-browser.js";
import type { StoredEntity } from "./entity.js";

/** One entity on which two catalogs disagree, and how. */
export interface EntityMismatch {
  blueprint: string;
  identifier: string;
  /** `missing`: only the expected catalog has it; `unexpected`: only the actual one; `different`: both, unequal. */
  problem: "missing" | "unexpected" | "different";
  /** For `different`: which of properties, relations, title differ. */
  fields?: string[];
}

export interface CatalogComparison {
  /** Entities compared (the union of both catalogs' keys). */
  compared: number;
  mismatches: EntityMismatch[];
}

/** What the comparison reads: a `Catalog`, or anything that lists blueprints and entities as it does (a server's API). */
export type CatalogReader = Pick<Catalog, "listBlueprints"> & Pick<CatalogBrowser, "listEntities">;

const PAGE = 500;

/**
 * Compares two catalogs entity for entity: the same keys (blueprint + identifier) with the same title,
 * properties and relations. Timestamps and data source are bookkeeping, not content, and are ignored.
 * Used by the crash soak to check a soaked catalog against a fresh resync of the same source.
 */
export async function compareCatalogs(
  expected: CatalogReader,
  actual: CatalogReader,
): Promise<CatalogComparison> {
  const blueprints = new Set([
    ...(await expected.listBlueprints()).map((blueprint) => blueprint.identifier),
    ...(await actual.listBlueprints()).map((blueprint) => blueprint.identifier),
  ]);
  const mismatches: EntityMismatch[] = [];
  let compared = 0;
  for (const blueprint of [...blueprints].sort()) {
    const wanted = await entitiesOf(expected, blueprint);
    const got = await entitiesOf(actual, blueprint);
    for (const identifier of new Set([...wanted.keys(), ...got.keys()])) {
      compared++;
      const left = wanted.get(identifier);
      const right = got.get(identifier);
      if (!right) mismatches.push({ blueprint, identifier, problem: "missing" });
      else if (!left) mismatches.push({ blueprint, identifier, problem: "unexpected" });
      else {
        const fields = differingFields(left, right);
        if (fields.length > 0) mismatches.push({ blueprint, identifier, problem: "different", fields });
      }
    }
  }
  return { compared, mismatches };
}

/** One blueprint's entities by identifier; per blueprint, so memory follows the largest blueprint only. */
async function entitiesOf(catalog: CatalogReader, blueprint: string): Promise<Map<string, StoredEntity>> {
  const entities = new Map<string, StoredEntity>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await catalog.listEntities(blueprint, { limit: PAGE, offset });
    for (const entity of page.entities) entities.set(entity.identifier, entity);
    if (page.entities.length < PAGE) return entities;
  }
}

function differingFields(left: StoredEntity, right: StoredEntity): string[] {
  const fields: Array<"title" | "properties" | "relations"> = ["title", "properties", "relations"];
  return fields.filter((field) => canonicalJson(left[field] ?? null) !== canonicalJson(right[field] ?? null));
}
