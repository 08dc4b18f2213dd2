/**
 * Spec §6's "client cutoff" for incremental runs over a listing GitHub sorts newest first: each page
 * keeps the items whose `field` is at or after `since` (items without it are kept), and paging stops
 * after the first page holding an older one. Without `since` (a full resync) pages pass untouched.
 */
import type { RawObject } from "../../engine/integration/integration.js";

/** The REST listing order that lets `cutOffBefore(…, "updated_at", since)` stop early. */
export const NEWEST_UPDATED_FIRST = { sort: "updated", direction: "desc" } as const;

export async function* cutOffBefore(
  pages: AsyncIterable<RawObject[]>,
  field: string,
  since: Date | undefined,
): AsyncIterable<RawObject[]> {
  if (since === undefined) {
    yield* pages;
    return;
  }
  const cutoff = since.getTime();
  for await (const page of pages) {
    const older = (item: RawObject) =>
      typeof item[field] === "string" && Date.parse(String(item[field])) < cutoff;
    const kept = page.filter((item) => !older(item));
    if (kept.length > 0) yield kept;
    if (kept.length < page.length) return;
  }
}
