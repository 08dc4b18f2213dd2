import type { ApiResync } from "../api/types.js";

/** How long a resync took, or "running". */
export function duration(resync: ApiResync): string {
  if (!resync.finishedAt) return "running";
  const seconds = (Date.parse(resync.finishedAt) - Date.parse(resync.startedAt)) / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${(seconds / 60).toFixed(1)} min`;
}

/** One count summed over every kind of a resync. */
export function total(resync: ApiResync, count: "upserted" | "failed" | "deleted"): number {
  return Object.values(resync.kinds).reduce((sum, counts) => sum + (counts[count] ?? 0), 0);
}
