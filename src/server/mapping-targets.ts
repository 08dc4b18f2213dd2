import type { DataSource, SaveMappingOutcome } from "../engine/data-source/data-source.js";
import type { MappingTarget } from "../engine/data-source/mapping-target.js";
import type { DataSourceManager } from "../engine/data-sources/data-source-manager.js";
import { problem } from "./webhook-route.js";

/**
 * The data sources the mapping editor, the mapping test and the raw examples serve: the one from
 * settings and, when the server keeps data sources in its database, every stored one that runs or
 * whose integration could be built (one that did not start is started again by a save).
 */
export interface MappingTargets {
  list(): readonly MappingTarget[];
  find(id: string): MappingTarget | undefined;
  /** Saves and applies a mapping: a stored data source's record follows, so a restart keeps it. */
  save(target: MappingTarget, text: string, savedBy: string): Promise<SaveMappingOutcome>;
}

export function mappingTargetsOf(options: {
  dataSource?: DataSource;
  dataSources?: DataSourceManager;
}): MappingTargets {
  const { dataSource, dataSources } = options;
  if (dataSources) {
    return {
      list: () => dataSources.mappingTargets(),
      find: (id) => dataSources.mappingTarget(id),
      save: (target, text, savedBy) => dataSources.saveMapping(target.id, text, savedBy),
    };
  }
  const fixed = dataSource ? [dataSource] : [];
  const find = (id: string) => fixed.find((candidate) => candidate.id === id);
  return {
    list: () => fixed,
    find,
    save: async (target, text, savedBy) => {
      const running = find(target.id);
      if (!running) throw new Error(`no data source "${target.id}" to save a mapping of`);
      return running.saveMapping(text, savedBy);
    },
  };
}

/** The API's 404 for a data source id no mapping target has, listing those there are. */
export function unknownMappingTarget(id: string, targets: MappingTargets) {
  return problem(
    "API_UNKNOWN_DATA_SOURCE",
    `there is no data source "${id}" whose mapping can be edited`,
    `Data sources with a mapping: ${
      targets
        .list()
        .map((known) => known.id)
        .join(", ") || "none"
    }. A stored one whose settings do not build its integration has none until they are fixed.`,
  );
}
