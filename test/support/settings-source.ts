import {
  hasSettingsDataSource,
  type PortolanWithSettingsSource,
} from "../../src/cli/settings-data-source.js";
import type { RunningPortolan } from "../../src/cli/start-portolan.js";

/** The running Portolan, narrowed: these tests start it with GitHub credentials in its settings. */
export function withSettingsSource(portolan: RunningPortolan): PortolanWithSettingsSource {
  if (!hasSettingsDataSource(portolan))
    throw new Error("Portolan started without a data source from settings");
  return portolan;
}
