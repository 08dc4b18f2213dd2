import type { ApiDataSource } from "../api/data-sources.js";

/** A data source's state as a badge: running, stopped, or failed (with the reason on hover). */
export function DataSourceStatus({ status }: { status: ApiDataSource["status"] }) {
  return (
    <span
      className={`badge badge-${status.state === "running" ? "completed" : status.state}`}
      data-testid="data-source-status"
      title={status.state === "failed" ? `${status.error.code}: ${status.error.message}` : undefined}
    >
      {status.state}
    </span>
  );
}
