/**
 * Reads remembered until what proves their answer unchanged moves. A repository file read is kept with
 * its repository's version (`kinds/repository-content-version.ts`) and answered from the store while the
 * listing shows the same version: no request at all. This matters most for files that are absent:
 * GitHub's 404 carries no ETag, so no conditional request can make it free, and every resync paid for it.
 *
 * Kept in the ETag cache's store (`github_etags`: the same bound, the same refusal of bodies holding one
 * of the integration's secrets — such a read is simply made again next time), with the version where a
 * GitHub response keeps its ETag, under keys of their own.
 */
import { createHash } from "node:crypto";
import type { EtagCache } from "./etag-cache.js";

/**
 * `read()`'s answer (JSON-serialisable), from the store when it was kept for this `version` of `key`,
 * else read and kept. Without a store or a version, simply `read()`.
 */
export async function rememberedRead<T extends object | string | number | boolean | null>(
  cache: EtagCache | undefined,
  key: string,
  version: string | undefined,
  read: () => Promise<T>,
): Promise<T> {
  if (cache === undefined || version === undefined) return read();
  const storeKey = createHash("sha256").update(`remembered read\n${key}`).digest("hex");
  if ((await cache.etag(storeKey)) === version) {
    const kept = await cache.reuse(storeKey, version);
    if (kept !== undefined) return JSON.parse(kept.body) as T;
  }
  const answer = await read();
  await cache.put(storeKey, { etag: version, body: JSON.stringify(answer), link: null });
  return answer;
}
