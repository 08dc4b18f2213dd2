import { PortApiClient } from "../../port-api-client/port-api-client.js";
import { PORTOLAN_VERSION } from "../portolan-version.js";
import type { Settings } from "../settings/settings-schema.js";
import type { Database } from "../store/database.js";
import type { Catalog } from "./catalog.js";
import type { LocalCatalog } from "./local-catalog.js";
import { PortApiCatalog } from "./port-api-catalog.js";
import { ResyncSeenKeys } from "./resync-seen-keys.js";

/**
 * Where a data source writes: Port's API when its client id and secret are set, otherwise the
 * embedded catalog. Either way `database` keeps the keys a running resync has seen.
 */
export function chooseCatalog(settings: Settings, embedded: LocalCatalog, database: Database): Catalog {
  if (!settings.portApi) return embedded;
  const client = new PortApiClient({
    ...settings.portApi,
    agent: { type: settings.integration.type, version: PORTOLAN_VERSION },
  });
  return new PortApiCatalog(client, settings.integration.type, new ResyncSeenKeys(database));
}
