import type { ApiResync } from "../api/types.js";
import { duration, total } from "../sync/resync-totals.js";

/** A resync's last column: its heading and what it says of one resync. */
export interface ResyncNotes {
  heading: string;
  describe: (resync: ApiResync) => string;
}

/** A resync's errors, in one line. */
export function resyncErrors(resync: ApiResync): string {
  return resync.errors.map((error) => `${error.kind}: ${error.code}: ${error.message}`).join("; ");
}

/** What went wrong in a resync, in one line: why it was skipped, its errors, or the entities refused. */
function problems(resync: ApiResync): string {
  if (resync.reason) return resync.reason;
  if (resync.errors.length > 0) return resyncErrors(resync);
  const [first, ...others] = resync.entityFailures ?? [];
  if (!first) return "";
  const more = others.length > 0 ? ` (and ${others.length} more)` : "";
  return `${first.kind} ${first.identifier}: ${first.code}: ${first.message}${more}`;
}

const PROBLEMS: ResyncNotes = { heading: "Problems", describe: problems };

/** One data source's resyncs, newest first; the last column says what went wrong unless told otherwise. */
export function ResyncHistoryTable({
  resyncs,
  notes = PROBLEMS,
}: {
  resyncs: ApiResync[];
  notes?: ResyncNotes;
}) {
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
          <th>{notes.heading}</th>
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
            <td className="wrap">{notes.describe(resync)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
