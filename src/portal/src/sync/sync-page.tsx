import { listDataSources } from "../api/data-sources.js";
import { navigate, usePathname } from "../app/navigation.js";
import { ErrorMessage } from "../shared/error-message.js";
import { useResource } from "../shared/use-resource.js";
import { DataSourceSync } from "./data-source-sync.js";

/** `/sync` (the first data source) and `/sync/{id}`: a data source picker above that data source's sync. */
export function SyncPage() {
  const pathname = usePathname().replace(/\/+$/, "");
  const sources = useResource(listDataSources, "data-sources", 0);
  const list = sources.data?.dataSources ?? [];
  const chosen = pathname.startsWith("/sync/")
    ? decodeURIComponent(pathname.slice("/sync/".length))
    : undefined;
  const selected = list.find((source) => source.id === chosen) ?? (chosen ? undefined : list[0]);

  return (
    <div className="sync-page">
      <div className="page-header">
        <h1>Sync</h1>
        {list.length > 0 && (
          <label className="data-source-picker">
            Data source{" "}
            <select
              data-testid="sync-data-source"
              value={selected?.id ?? ""}
              onChange={(event) => navigate(`/sync/${encodeURIComponent(event.target.value)}`)}
            >
              {chosen && !selected && <option value="">{chosen} (not found)</option>}
              {list.map((source) => (
                <option key={source.id} value={source.id}>
                  {source.readOnly ? `${source.name} (from settings)` : source.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {sources.error && <ErrorMessage title="Could not load the data sources." error={sources.error} />}
      {sources.loading && <p className="status">Loading…</p>}
      {!sources.loading && !sources.error && list.length === 0 && (
        <div className="empty-state" data-testid="sync-empty">
          <p>No data source yet.</p>
          <p>Add one to sync a GitHub organization; its resyncs and live events appear here.</p>
          <button type="button" className="primary" onClick={() => navigate("/data-sources/new")}>
            + Data source
          </button>
        </div>
      )}
      {chosen && !selected && !sources.loading && list.length > 0 && (
        <p className="empty-state">There is no data source "{chosen}"; choose one above.</p>
      )}
      {selected && <DataSourceSync key={selected.id} id={selected.id} />}
    </div>
  );
}
