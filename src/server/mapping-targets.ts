import type { DataSource, SaveMappingOutcome } from "../engine/data-source/data-source.js";
import type { DataSourceManager } from "../engine/data-sources/data-source-manager.js";

/**
 * The data sources the mapping editor, the mapping test and the raw examples serve: the one from
 * settings and, when the server keeps data sources in its database, every running stored one.
 */
export interface MappingTargets {
  list(): readonly DataSource[];
  find(id: string): DataSource | undefined;
  /** Saves and applies a mapping: a stored data source's record follows, so a restart keeps it. */
  save(dataSource: DataSource, text: string, savedBy: string): Promise<SaveMappingOutcome>;
}

export function mappingTargetsOf(options: {
  dataSource?: DataSource;
  dataSources?: DataSourceManager;
}): MappingTargets {
  const { dataSource, dataSources } = options;
  if (dataSources) {
    return {
      list: () => dataSources.runningDataSources(),
      find: (id) => dataSources.dataSource(id),
      save: (target, text, savedBy) => dataSources.saveMapping(target.id, text, savedBy),
    };
  }
  const fixed = dataSource ? [dataSource] : [];
  return {
    list: () => fixed,
    find: (id) => fixed.find((candidate) => candidate.id === id),
    save: (target, text, savedBy) => target.saveMapping(text, savedBy),
  };
}
