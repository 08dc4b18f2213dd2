import type { ApiKindCounts } from "../api/types.js";

/** Each count's column, with the header a reader sees. */
const COLUMNS: Array<[keyof ApiKindCounts, string]> = [
  ["seen", "Seen"],
  ["upserted", "Upserted"],
  ["unchanged", "Unchanged"],
  ["filteredOut", "Filtered out"],
  ["dropped", "Dropped"],
  ["failed", "Failed"],
  ["deleted", "Deleted"],
];

/** Counts per kind of one resync. */
export function KindCountsTable({ kinds }: { kinds: Record<string, ApiKindCounts> }) {
  const entries = Object.entries(kinds);
  if (entries.length === 0) return <p className="status">No kind has started yet.</p>;
  return (
    <table className="entity-table compact">
      <thead>
        <tr>
          <th>Kind</th>
          {COLUMNS.map(([column, header]) => (
            <th key={column}>{header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.map(([kind, counts]) => (
          <tr key={kind} data-testid="kind-counts" data-kind={kind}>
            <td>{kind}</td>
            {COLUMNS.map(([column]) => (
              <td key={column} data-column={column}>
                {counts[column]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
