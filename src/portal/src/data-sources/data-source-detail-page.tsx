import { useCallback, useState } from "react";
import { ApiError, toApiError } from "../api/api-error.js";
import {
  getDataSource,
  listDataSourceResyncs,
  listIntegrations,
  startDataSourceResync,
} from "../api/data-sources.js";
import { NavLink } from "../app/nav-link.js";
import { MappingEditor } from "../mapping/mapping-editor.js";
import { ErrorMessage } from "../shared/error-message.js";
import { useInterval } from "../shared/use-interval.js";
import { useResource } from "../shared/use-resource.js";
import { DataSourceForm } from "./data-source-form.js";
import { DataSourceStatus } from "./data-source-status.js";
import { DeleteDataSource } from "./delete-data-source.js";
import { INSTALLATION_METHOD_TEXT } from "./installation-methods.js";
import { ReadOnlySettings } from "./read-only-settings.js";
import { ResyncHistoryTable } from "./resync-history-table.js";
import { describeSchedule } from "./resync-interval.js";
import { WebhookRegistrationStatus } from "./webhook-registration-status.js";

/** A running resync's counts move every page. */
const REFRESH_MS = 2_000;

/** One data source: its state, resyncs (start one, see the history), settings to edit, and deletion. */
export function DataSourceDetailPage({ id }: { id: string }) {
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((key) => key + 1), []);
  useInterval(refresh, REFRESH_MS);
  const [savedKey, setSavedKey] = useState(0);
  const source = useResource((signal) => getDataSource(id, signal), `data-source:${id}:${savedKey}`, 0);
  const integrations = useResource(listIntegrations, "integrations", 0);
  const resyncs = useResource((signal) => listDataSourceResyncs(id, signal), `resyncs:${id}`, refreshKey);
  const [resyncError, setResyncError] = useState<ApiError | undefined>();
  const [saved, setSaved] = useState(false);
  /** A mapping saved while the data source was not running, which started it again. */
  const [mappingSaved, setMappingSaved] = useState(false);
  const data = source.data;

  async function resync() {
    setResyncError(undefined);
    try {
      await startDataSourceResync(id);
    } catch (error) {
      setResyncError(toApiError(error));
    }
    refresh();
  }

  return (
    <div className="data-sources-page">
      <nav className="breadcrumbs">
        <NavLink to="/data-sources" active={false}>
          Data sources
        </NavLink>{" "}
        / {data?.name ?? id}
      </nav>
      {source.error && <ErrorMessage title="Could not load the data source." error={source.error} />}
      {source.loading && <p className="status">Loading…</p>}
      {data && (
        <>
          <div className="page-header">
            <h1>
              {data.name} <DataSourceStatus status={data.status} />
            </h1>
            <div className="toolbar">
              <button
                type="button"
                className="primary"
                onClick={() => void resync()}
                data-testid="resync-now"
              >
                Resync now
              </button>
            </div>
          </div>
          <dl className="facts">
            <dt>Id</dt>
            <dd>
              <code>{data.id}</code>
            </dd>
            <dt>Installation</dt>
            <dd>{INSTALLATION_METHOD_TEXT[data.installationMethod].title}</dd>
            <dt>Resync</dt>
            <dd>{describeSchedule(data.resyncIntervalMinutes)}</dd>
            <dt>Webhook path</dt>
            <dd>
              <code data-testid="webhook-path">{data.webhookPath}</code>
            </dd>
          </dl>
          {data.status.state === "failed" && (
            <ErrorMessage
              title="The integration is not running."
              error={new ApiError(data.status.error.code, data.status.error.message, 0)}
            />
          )}
          {resyncError && <ErrorMessage title="The resync did not start." error={resyncError} />}
          {data.installationMethod === "self-hosted" && !data.readOnly && (
            <WebhookRegistrationStatus key={savedKey} id={id} initial={data.webhookRegistration} />
          )}

          <section className="form-section">
            <h2>Resyncs</h2>
            {resyncs.error && <ErrorMessage title="Could not load the resyncs." error={resyncs.error} />}
            {resyncs.data && <ResyncHistoryTable resyncs={resyncs.data.resyncs} />}
          </section>

          <section className="form-section" data-testid="data-source-mapping">
            <h2>Mapping</h2>
            {mappingSaved && (
              <p className="notice" role="status" data-testid="mapping-saved-restarted">
                The mapping was saved and the data source started again with it: its status above says how
                that went.
              </p>
            )}
            {data.status.state === "running" ? (
              <MappingEditor key={savedKey} dataSource={data.id} />
            ) : data.status.state === "failed" && data.status.mappingEditable ? (
              <>
                <p className="notice" data-testid="mapping-restarts">
                  The integration is not running. If the mapping stopped it (a kind this version does not
                  offer, say), fix it here: saving it starts the data source again.
                </p>
                <MappingEditor
                  key={savedKey}
                  dataSource={data.id}
                  onSaved={() => {
                    setMappingSaved(true);
                    setSavedKey((key) => key + 1);
                  }}
                />
              </>
            ) : (
              <p className="empty-state">
                The mapping is checked against the integration its settings build: once they are fixed, edit
                and test it here.
              </p>
            )}
          </section>

          {data.readOnly ? (
            <ReadOnlySettings source={data} integrations={integrations.data} />
          ) : (
            integrations.data && (
              <>
                <h2 className="section-title">Settings</h2>
                {saved && (
                  <p className="notice" role="status">
                    Saved. The integration restarted with the new settings.
                  </p>
                )}
                <DataSourceForm
                  key={savedKey}
                  integrations={integrations.data}
                  initial={data}
                  onSaved={() => {
                    setSaved(true);
                    setSavedKey((key) => key + 1);
                  }}
                />
                <DeleteDataSource id={data.id} />
              </>
            )
          )}
        </>
      )}
    </div>
  );
}
