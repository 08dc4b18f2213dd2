import { useEffect, useMemo, useState } from "react";
import { type EntityQuery, listEntities } from "../api/list-entities.js";
import type { ApiBlueprint } from "../api/types.js";
import { ErrorMessage } from "../shared/error-message.js";
import { useDebouncedValue } from "../shared/use-debounced-value.js";
import { useResource } from "../shared/use-resource.js";
import { columnsOf } from "./columns.js";
import { EntityFilters } from "./entity-filters.js";
import { EntityTable } from "./entity-table.js";
import { Pager } from "./pager.js";

/** Entities fetched per page; the API's default and a size a table still reads well at. */
export const PAGE_SIZE = 100;

/** Pause in typing after which the search or filter value is sent. */
const SEARCH_AFTER_MS = 300;

/** One blueprint: heading with title, identifier and entity count, then its entities' table. */
export function BlueprintSection({ blueprint, refreshKey }: { blueprint: ApiBlueprint; refreshKey: number }) {
  const [offset, setOffset] = useState(0);
  const [typed, setTyped] = useState<EntityQuery>({});
  const query = useDebouncedValue(typed, SEARCH_AFTER_MS);
  const filtered = Boolean(query.search || query.dataSource || (query.property?.key && query.property.value));
  const entities = useResource(
    (signal) => listEntities(blueprint.identifier, { limit: PAGE_SIZE, offset }, signal, query),
    `${blueprint.identifier}@${offset}?${JSON.stringify(query)}`,
    refreshKey,
  );
  const columns = useMemo(() => columnsOf(blueprint), [blueprint]);
  const total = entities.data?.total ?? blueprint.entityCount;
  const rows = entities.data?.entities ?? [];
  const [dataSources, setDataSources] = useState<string[]>([]);
  // The choices stay put while a data source filter narrows the answer.
  useEffect(() => {
    if (entities.data?.dataSources) setDataSources(entities.data.dataSources);
  }, [entities.data]);

  // Entities were deleted under us and this page is now past the end: go back to the last page.
  useEffect(() => {
    if (entities.data && rows.length === 0 && offset > 0 && total > 0) {
      setOffset(Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE);
    }
  }, [entities.data, rows.length, offset, total]);

  return (
    <section
      className="blueprint"
      id={`blueprint-${blueprint.identifier}`}
      data-testid={`blueprint-${blueprint.identifier}`}
      aria-labelledby={`blueprint-${blueprint.identifier}-title`}
    >
      <header className="blueprint-header">
        <h2 id={`blueprint-${blueprint.identifier}-title`}>{blueprint.title || blueprint.identifier}</h2>
        <code className="blueprint-identifier">{blueprint.identifier}</code>
        <span className="entity-count" data-testid="entity-count" data-count={total}>
          {total} {total === 1 ? "entity" : "entities"}
          {filtered ? " match" : ""}
        </span>
      </header>
      {blueprint.entityCount > 0 && (
        <EntityFilters
          blueprint={blueprint}
          dataSources={dataSources}
          query={typed}
          onQuery={(next) => {
            setTyped(next);
            setOffset(0);
          }}
        />
      )}
      {entities.error && <ErrorMessage title="Could not load entities." error={entities.error} />}
      {entities.loading && (
        <p className="status" data-testid="loading">
          Loading entities…
        </p>
      )}
      {entities.data && rows.length === 0 && total === 0 && !filtered && (
        <p className="empty-state" data-testid="empty-state">
          No entities yet — run a resync
        </p>
      )}
      {entities.data && total === 0 && filtered && (
        <p className="empty-state" data-testid="no-match">
          No entities match — change the search or the filters
        </p>
      )}
      {rows.length > 0 && <EntityTable columns={columns} entities={rows} />}
      {total > PAGE_SIZE && (
        <Pager offset={offset} limit={PAGE_SIZE} shown={rows.length} total={total} onOffset={setOffset} />
      )}
    </section>
  );
}
