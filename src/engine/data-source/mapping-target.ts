import type { Integration } from "../integration/integration.js";
import { MappingVersions } from "../mapping/mapping-versions.js";
import type { Database } from "../store/database.js";
import { RawExamples } from "../sync/raw-examples.js";

/**
 * What the mapping editor, the mapping test and the raw examples need of a data source: its mapping
 * (checked against its integration's kinds and selectors), its kept versions and raw examples. A
 * running `DataSource` is one; so is a stored data source that did not start (`stoppedMappingTarget`),
 * so that a kept mapping that stops its start (naming a kind this version does not offer) can be fixed
 * where mappings are edited.
 */
export interface MappingTarget {
  readonly id: string;
  readonly integration: Integration;
  readonly currentMappingText: string;
  readonly keepsRawExamples: boolean;
  readonly rawExamples: RawExamples;
  readonly mappingVersions: MappingVersions;
}

/**
 * A stored data source that is not running, whose integration could still be built from its settings:
 * its stored mapping, versions and the raw examples its earlier resyncs kept.
 */
export function stoppedMappingTarget(options: {
  id: string;
  integration: Integration;
  mappingText: string;
  sendRawDataExamples: boolean;
  database: Database;
}): MappingTarget {
  const { id, integration, database } = options;
  return {
    id,
    integration,
    currentMappingText: options.mappingText,
    keepsRawExamples: options.sendRawDataExamples,
    rawExamples: new RawExamples(database, id, integration.secretValues?.() ?? []),
    mappingVersions: new MappingVersions(database),
  };
}
