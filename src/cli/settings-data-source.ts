import type { DataSource } from "../engine/data-source/data-source.js";
import type { GitHubIntegration } from "../github/create-github-integration.js";
import type { RunningPortolan } from "./start-portolan.js";

/** A running Portolan whose settings (env, config.yaml) hold GitHub credentials, so it has their data source. */
export type PortolanWithSettingsSource = RunningPortolan & {
  dataSource: DataSource;
  integration: GitHubIntegration;
};

export function hasSettingsDataSource(portolan: RunningPortolan): portolan is PortolanWithSettingsSource {
  return portolan.dataSource !== undefined && portolan.integration !== undefined;
}
