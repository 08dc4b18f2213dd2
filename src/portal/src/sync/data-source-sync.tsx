import { useCallback, useState } from "react";
import { type ApiError, toApiError } from "../api/api-error.js";
import { listDataSourceEvents, listDataSourceResyncs, startDataSourceResync } from "../api/data-sources.js";
import { ResyncHistoryTable, type ResyncNotes, resyncErrors } from "../data-sources/resync-history-table.js";
import { ErrorMessage } from "../shared/error-message.js";
import { useInterval } from "../shared/use-interval.js";
import { useResource } from "../shared/use-resource.js";
import { KindCountsTable } from "./kind-counts-table.js";

/** Faster than the catalog: a running resync's counts move every page. */
const REFRESH_MS = 2_000;

/** Next to the deletion log, a resync says why it deleted what it did when nothing went wrong. */
const ERRORS_OR_DELETION: ResyncNotes = {
  heading: "Errors / deletion",
  describe: (resync) =>
    resync.reason ?? (resync.errors.length > 0 ? resyncErrors(resync) : resync.deletion.reason),
};

/**
 * One data source's resyncs (start one, watch it, the history and the deletion log) and its live
 * events as they arrive.
 */
export function DataSourceSync({ id }: { id: string }) {
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((key) => key + 1), []);
  useInterval(refresh, REFRESH_MS);
  const resyncs = useResource((signal) => listDataSourceResyncs(id, signal), `resyncs:${id}`, refreshKey);
  const events = useResource((signal) => listDataSourceEvents(id, signal), `events:${id}`, refreshKey);
  const [startError, setStartError] = useState<ApiError | undefined>();
  const running = resyncs.data?.running ?? null;
  const history = resyncs.data?.resyncs ?? [];
  const deletions = history.flatMap((resync) =>
    resync.deletions.map((deletion) => ({ ...deletion, resync })),
  );

  async function start() {
    setStartError(undefined);
    try {
      await startDataSourceResync(id);
    } catch (error) {
      setStartError(toApiError(error));
    }
    refresh();
  }

  return (
    <>
      <div className="toolbar sync-actions">
        <button type="button" onClick={() => void start()} data-testid="start-resync">
          Start resync
        </button>
      </div>
      {startError && <ErrorMessage title="The resync did not start." error={startError} />}
      {resyncs.error && <ErrorMessage title="Could not load the resyncs." error={resyncs.error} />}

      <section className="blueprint-section" data-testid="running-resync">
        <h2>
          {running
            ? `Resync running since ${new Date(running.startedAt).toLocaleTimeString()}`
            : "No resync running"}
        </h2>
        {running && <KindCountsTable kinds={running.kinds} />}
        {!running && history[0] && (
          <>
            <p className="status" data-testid="last-resync">
              Last resync {history[0].status}
              {history[0].finishedAt ? ` at ${new Date(history[0].finishedAt).toLocaleTimeString()}` : ""},
              per kind:
            </p>
            <KindCountsTable kinds={history[0].kinds} />
          </>
        )}
      </section>

      <section className="blueprint-section">
        <h2>History</h2>
        <ResyncHistoryTable resyncs={history} notes={ERRORS_OR_DELETION} />
      </section>

      <section className="blueprint-section">
        <h2>Deletion log</h2>
        {deletions.length === 0 ? (
          <p className="empty-state">No entity was deleted by a resync.</p>
        ) : (
          <table className="entity-table compact">
            <thead>
              <tr>
                <th>Blueprint</th>
                <th>Identifier</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {deletions.map((deletion) => (
                <tr
                  key={`${deletion.resync.id}/${deletion.blueprint}/${deletion.identifier}`}
                  data-testid="deletion-row"
                >
                  <td>{deletion.blueprint}</td>
                  <td>{deletion.identifier}</td>
                  <td className="wrap">{deletion.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="blueprint-section">
        <h2>Live events</h2>
        {events.error && <ErrorMessage title="Could not load the live events." error={events.error} />}
        {events.data && (
          <p className="status" data-testid="event-counts">
            {Object.entries(events.data.counts)
              .map(([status, count]) => `${count} ${status}`)
              .join(" · ") || "No delivery received yet."}
          </p>
        )}
        {events.data && events.data.recent.length > 0 && (
          <table className="entity-table compact">
            <thead>
              <tr>
                <th>Received</th>
                <th>Event</th>
                <th>Group</th>
                <th>Status</th>
                <th>Attempts</th>
                <th>Error</th>
              </tr>
            </thead>
            <tbody>
              {events.data.recent.map((delivery) => (
                <tr key={delivery.deliveryId} data-testid="event-row" data-status={delivery.status}>
                  <td title={delivery.deliveryId}>{new Date(delivery.receivedAt).toLocaleTimeString()}</td>
                  <td>{delivery.action ? `${delivery.event}.${delivery.action}` : delivery.event}</td>
                  <td>{delivery.groupKey}</td>
                  <td>
                    <span className={`badge badge-${delivery.status}`}>{delivery.status}</span>
                  </td>
                  <td>{delivery.attempts}</td>
                  <td className="wrap">{delivery.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
