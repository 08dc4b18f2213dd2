import type { ReactNode } from "react";
import { ErrorMessage } from "./error-message.js";
import type { ResourceState } from "./use-resource.js";

/**
 * What a listing page says above its table: why the list did not load, that it is loading, or, loaded
 * and empty, `empty`.
 */
export function ListStatus({
  list,
  count,
  errorTitle,
  empty,
}: {
  list: ResourceState<unknown>;
  count: number;
  errorTitle: string;
  empty: ReactNode;
}) {
  return (
    <>
      {list.error && <ErrorMessage title={errorTitle} error={list.error} />}
      {list.loading && <p className="status">Loading…</p>}
      {!list.loading && !list.error && count === 0 && <div className="empty-state">{empty}</div>}
    </>
  );
}
