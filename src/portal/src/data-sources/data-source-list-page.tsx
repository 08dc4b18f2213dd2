import { listDataSources } from "../api/data-sources.js";
import { NavLink } from "../app/nav-link.js";
import { navigate } from "../app/navigation.js";
import { ListStatus } from "../shared/list-status.js";
import { useResource } from "../shared/use-resource.js";
import { DataSourceStatus } from "./data-source-status.js";
import { INSTALLATION_METHOD_TEXT } from "./installation-methods.js";
import { describeSchedule } from "./resync-interval.js";

/** Every data source, the one from settings first, with "+ Data source" to add one. */
export function DataSourceListPage() {
  const sources = useResource(listDataSources, "data-sources", 0);
  const list = sources.data?.dataSources ?? [];
  return (
    <div className="data-sources-page">
      <div className="page-header">
        <h1>Data sources</h1>
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            data-testid="add-data-source"
            onClick={() => navigate("/data-sources/new")}
          >
            + Data source
          </button>
        </div>
      </div>
      <p className="page-intro">
        Each data source is one installed integration: the GitHub organization it reads, how it stays up to
        date, and the mapping that turns what it reads into entities.
      </p>
      <ListStatus
        list={sources}
        count={list.length}
        errorTitle="Could not load the data sources."
        empty={
          <>
            <p>No data source yet.</p>
            <p>Add one to sync a GitHub organization into the catalog.</p>
          </>
        }
      />
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="entity-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Integration</th>
                <th>Installation</th>
                <th>Resync</th>
                <th>Status</th>
                <th>Webhook path</th>
              </tr>
            </thead>
            <tbody>
              {list.map((source) => (
                <tr key={source.id} data-testid="data-source-row" data-id={source.id}>
                  <td>
                    <NavLink to={`/data-sources/${encodeURIComponent(source.id)}`} active={false}>
                      {source.name}
                    </NavLink>
                    {source.readOnly && <span className="tag">from settings</span>}
                  </td>
                  <td>{source.integration === "github" ? "GitHub" : source.integration}</td>
                  <td>{INSTALLATION_METHOD_TEXT[source.installationMethod].title}</td>
                  <td>{describeSchedule(source.resyncIntervalMinutes)}</td>
                  <td>
                    <DataSourceStatus status={source.status} />
                  </td>
                  <td>
                    <code>{source.webhookPath}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
