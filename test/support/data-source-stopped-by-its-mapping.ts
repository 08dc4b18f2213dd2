import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { startPortolan } from "../../src/cli/start-portolan.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../src/engine/settings/settings-schema.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import { scheduledDataSourceOn } from "./portolan-on-simulator.js";

/** A mapping the data source starts with. */
export const STARTING_MAPPING = demoMapping(defaultMapping, ["organization", "repository"]);
/** What a mapping kept by an older version can become: a kind this integration does not offer. */
export const MAPPING_OF_AN_OLDER_VERSION = STARTING_MAPPING.replace("kind: repository", "kind: repositories");

/**
 * Stores, in the store `settings` name (a `dataDir`), a data source on `simulator` that resynced once
 * with `STARTING_MAPPING` and whose newest kept mapping version is `MAPPING_OF_AN_OLDER_VERSION`: the
 * next Portolan started on that store does not start it. Returns its id.
 */
export async function storeDataSourceStoppedByItsMapping(options: {
  simulator: RunningSimulator;
  name: string;
  settings: Record<string, unknown>;
}): Promise<string> {
  const portolan = await startPortolan({
    settings: settingsSchema.parse({ port: 0, ...options.settings }),
    logger: silentLogger(),
  });
  try {
    const created = await portolan.dataSources.create(
      scheduledDataSourceOn(options.simulator, options.name, { mapping: STARTING_MAPPING }),
    );
    await portolan.dataSources.dataSource(created.id)?.resyncs.settle();
    await portolan.database.query(
      "INSERT INTO mapping_versions (data_source, version, text, saved_by) VALUES ($1, 2, $2, 'older version')",
      [created.id, MAPPING_OF_AN_OLDER_VERSION],
    );
    return created.id;
  } finally {
    await portolan.close();
  }
}
