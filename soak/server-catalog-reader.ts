import type { BlueprintSummary } from "../src/engine/catalog/catalog.js";
import type { CatalogReader } from "../src/engine/catalog/compare-catalogs.js";
import type { StoredEntity } from "../src/engine/catalog/entity.js";
import type { PortolanProcess } from "./portolan-process.js";

/**
 * The soaked catalog as the running server's API serves it: read through the server that survived
 * the kills, rather than by opening its store beside it.
 */
export function serverCatalogReader(server: PortolanProcess): CatalogReader {
  async function read<T>(path: string): Promise<T> {
    const { status, body } = await server.api<T>(path);
    if (status !== 200) throw new Error(`GET ${path} → ${status}`);
    return body;
  }
  return {
    listBlueprints: async () =>
      (await read<{ blueprints: BlueprintSummary[] }>("/api/v1/blueprints")).blueprints,
    listEntities: (blueprint, page) =>
      read<{ entities: StoredEntity[]; total: number }>(
        `/api/v1/blueprints/${encodeURIComponent(blueprint)}/entities?limit=${page.limit}&offset=${page.offset}`,
      ),
  };
}
