import { listIntegrations } from "../api/data-sources.js";
import { NavLink } from "../app/nav-link.js";
import { navigate } from "../app/navigation.js";
import { ErrorMessage } from "../shared/error-message.js";
import { useResource } from "../shared/use-resource.js";
import { DataSourceForm } from "./data-source-form.js";

/** "+ Data source": the form, then the new data source's own page. */
export function NewDataSourcePage() {
  const integrations = useResource(listIntegrations, "integrations", 0);
  return (
    <div className="data-sources-page">
      <nav className="breadcrumbs">
        <NavLink to="/data-sources" active={false}>
          Data sources
        </NavLink>{" "}
        / New
      </nav>
      <div className="page-header">
        <h1>Add a data source</h1>
      </div>
      {integrations.error && (
        <ErrorMessage title="Could not load the integrations." error={integrations.error} />
      )}
      {integrations.loading && <p className="status">Loading…</p>}
      {integrations.data && (
        <DataSourceForm
          integrations={integrations.data}
          onSaved={(saved) => navigate(`/data-sources/${encodeURIComponent(saved.id)}`)}
        />
      )}
    </div>
  );
}
