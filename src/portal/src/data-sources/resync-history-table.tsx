import type { ApiResync } from "../api/types.js";
import { duration, total } from "../sync/resync-totals.js";

/** One data source's resyncs, newest first. */
export function ResyncHistoryTable({ resyncs }: { resyncs: ApiResync[] }) {
  if (resyncs.length === 0) return <p className="empty-state">No resync yet.</p>;
  return (
    <table className="entity-table compact">
      <thead>
        <tr>
          <th>Started</th>
          <th>Trigger</th>
          <th>Status</th>
          <th>Duration</th>
          <th>Upserted</th>
          <th>Failed</th>
          <th>Deleted</th>
        </tr>
      </thead>
      <tbody>
        {resyncs.map((resync) => (
          <tr key={resync.id} data-testid="resync-row" data-status={resync.status}>
            <td title={resync.id}>{new Date(resync.startedAt).toLocaleString()}</td>
            <td>{resync.trigger}</td>
            <td>
              <span className={`badge badge-${resync.status}`}>{resync.status}</span>
            </td>
            <td>{duration(resync)}</td>
            <td>{total(resync, "upserted")}</td>
            <td>{total(resync, "failed")}</td>
            <td>{total(resync, "deleted")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
