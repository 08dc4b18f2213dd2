/**
 * A real resync into a real (in-memory PGlite) catalog, as `serve` and `sync` run it: the demo's mapping
 * for the chosen kinds, every kind's blueprint, the resync history, and the catalog's entities by
 * blueprint afterwards — for tests that drive the GitHub integration against the simulator.
 */
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { LocalCatalog } from "../../src/engine/catalog/local-catalog.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { bindMapping } from "../../src/engine/mapping/bind-mapping.js";
import { parsePortAppConfig } from "../../src/engine/mapping/parse-port-app-config.js";
import type { Database } from "../../src/engine/store/database.js";
import { openDatabase } from "../../src/engine/store/open-database.js";
import { ResyncHistory } from "../../src/engine/sync/resync-history.js";
import type { ResyncSummary } from "../../src/engine/sync/resync-summary.js";
import { runResync } from "../../src/engine/sync/run-resync.js";
import type { GitHubIntegration } from "../../src/github/create-github-integration.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import { kindBlueprints } from "../../src/github/defaults/kind-blueprints/index.js";

export interface CatalogResync {
  catalog: LocalCatalog;
  history: ResyncHistory;
  /**
   * One full resync of `kinds` with the demo's resources for them; `topLevel` is YAML prepended to the
   * mapping (e.g. `organizations: [a, b]`).
   */
  resync(
    integration: GitHubIntegration,
    kinds: readonly string[],
    options?: { topLevel?: string },
  ): Promise<ResyncSummary>;
  /** The identifiers of the data source's entities of one blueprint, sorted. */
  identifiers(blueprint: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function openCatalogResync(dataSource: string): Promise<CatalogResync> {
  const database: Database = await openDatabase({ dataDirectory: undefined });
  const catalog = new LocalCatalog(database);
  const history = new ResyncHistory(database);
  let blueprintsReady = false;
  return {
    catalog,
    history,
    async resync(integration, kinds, options = {}) {
      if (!blueprintsReady) {
        await catalog.ensureBlueprints([
          ...Object.values(kindBlueprints),
          ...integration.defaultBlueprints(),
        ]);
        blueprintsReady = true;
      }
      const text = `${options.topLevel ?? ""}${demoMapping(defaultMapping, kinds)}`;
      return runResync({
        mapping: bindMapping(parsePortAppConfig(text), integration),
        catalog,
        history,
        dataSource,
        trigger: "test",
        logger: silentLogger(),
      });
    },
    async identifiers(blueprint) {
      const { entities } = await catalog.listEntities(blueprint, { limit: 100_000, offset: 0 });
      return entities.map((entity) => entity.identifier).sort();
    },
    close: () => database.close(),
  };
}
