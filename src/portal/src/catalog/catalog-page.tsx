import { useCallback, useState } from "react";
import { listBlueprints } from "../api/list-blueprints.js";
import { ErrorMessage } from "../shared/error-message.js";
import { useInterval } from "../shared/use-interval.js";
import { useResource } from "../shared/use-resource.js";
import { BlueprintSection } from "./blueprint-section.js";

/** How often the page refetches while auto-refresh is on, so live events show without a reload. */
export const AUTO_REFRESH_MS = 5_000;

/** The catalog: every blueprint in the server's order, each with a table of its entities. */
export function CatalogPage() {
  const [refreshKey, setRefreshKey] = useState(0);
  const [autoRefresh, setAutoRefresh] = useState(true);
  const refresh = useCallback(() => setRefreshKey((key) => key + 1), []);
  useInterval(refresh, autoRefresh ? AUTO_REFRESH_MS : null);
  const blueprints = useResource(listBlueprints, "blueprints", refreshKey);
  const list = blueprints.data?.blueprints ?? [];

  return (
    <div className="catalog-page">
      <div className="page-header">
        <h1>Catalog</h1>
        <div className="toolbar">
          {blueprints.updatedAt !== undefined && (
            <span className="updated-at" data-testid="updated-at">
              Updated {new Date(blueprints.updatedAt).toLocaleTimeString()}
            </span>
          )}
          <label className="auto-refresh">
            <input
              type="checkbox"
              checked={autoRefresh}
              onChange={(event) => setAutoRefresh(event.target.checked)}
            />
            Auto-refresh
          </label>
          <button type="button" onClick={refresh} data-testid="refresh">
            Refresh
          </button>
        </div>
      </div>

      {blueprints.error && <ErrorMessage title="Could not load the catalog." error={blueprints.error} />}
      {blueprints.loading && (
        <p className="status" data-testid="loading">
          Loading catalog…
        </p>
      )}
      {blueprints.data && list.length === 0 && (
        <p className="empty-state" data-testid="no-blueprints">
          No blueprints yet — start Portolan with a mapping, then run a resync
        </p>
      )}
      {list.length > 1 && (
        <nav className="blueprint-index" aria-label="Blueprints">
          {list.map((blueprint) => (
            <a key={blueprint.identifier} href={`#blueprint-${blueprint.identifier}`}>
              {blueprint.title || blueprint.identifier}
              <span className="index-count">{blueprint.entityCount}</span>
            </a>
          ))}
        </nav>
      )}
      {list.map((blueprint) => (
        <BlueprintSection key={blueprint.identifier} blueprint={blueprint} refreshKey={refreshKey} />
      ))}
    </div>
  );
}
