/**
 * Spec §6's "client cutoff" for incremental runs over a listing GitHub sorts newest first: each page
 * keeps the items whose `field` is at or after `since` (items without it are kept), and paging stops
 * after the first page holding an older one. Without `since` (a full resync) pages pass untouched.
 */
import type { RawObject } from "../../engine/integration/integration.js";

/** The REST listing order that lets `cutOffBefore(…, "updated_at", since)` stop early. */
export const NEWEST_UPDATED_FIRST = { sort: "updated", direction: "desc" } as const;

/** Whether the item's `field` is a time before `since` (an item without one is never older). */
export function isOlderThan(item: RawObject, field: string, since: Date): boolean {
  return typeof item[field] === "string" && Date.parse(String(item[field])) < since.getTime();
}

export async function* cutOffBefore(
  pages: AsyncIterable<RawObject[]>,
  field: string,
  since: Date | undefined,
): AsyncIterable<RawObject[]> {
  if (since === undefined) {
    yield* pages;
    return;
  }
  for await (const page of pages) {
    const kept = page.filter((item) => !isOlderThan(item, field, since));
    if (kept.length > 0) yield kept;
    if (kept.length < page.length) return;
  }
}

/** The same filter over a listing GitHub cannot sort by `field`: every page is read. */
export async function* keepChangedSince(
  pages: AsyncIterable<RawObject[]>,
  field: string,
  since: Date,
): AsyncIterable<RawObject[]> {
  for await (const page of pages) {
    const kept = page.filter((item) => !isOlderThan(item, field, since));
    if (kept.length > 0) yield kept;
  }
}
