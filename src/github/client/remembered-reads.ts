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

type Remembered = object | string | number | boolean | null;

/**
 * `read()`'s answer (JSON-serialisable), from the store when it was kept for this `version` of `key`,
 * else read and kept. Without a store or a version, simply `read()`.
 */
export async function rememberedRead<T extends Remembered>(
  cache: EtagCache | undefined,
  key: string,
  version: string | undefined,
  read: () => Promise<T>,
): Promise<T> {
  const kept = await recallRead<T>(cache, key, version);
  if (kept !== undefined) return kept.answer;
  const answer = await read();
  await keepRead(cache, key, version, answer);
  return answer;
}

/** The answer kept for this `version` of `key`, if any (wrapped: a kept answer may be `null`). */
export async function recallRead<T extends Remembered>(
  cache: EtagCache | undefined,
  key: string,
  version: string | undefined,
): Promise<{ answer: T } | undefined> {
  if (cache === undefined || version === undefined) return undefined;
  const storeKey = rememberedKey(key);
  if ((await cache.etag(storeKey)) !== version) return undefined;
  const kept = await cache.reuse(storeKey, version);
  return kept === undefined ? undefined : { answer: JSON.parse(kept.body) as T };
}

/** Keeps `answer` for this `version` of `key` (nothing without a store or a version). */
export async function keepRead(
  cache: EtagCache | undefined,
  key: string,
  version: string | undefined,
  answer: Remembered,
): Promise<void> {
  if (cache === undefined || version === undefined) return;
  await cache.put(rememberedKey(key), { etag: version, body: JSON.stringify(answer), link: null });
}

function rememberedKey(key: string): string {
  return createHash("sha256").update(`remembered read\n${key}`).digest("hex");
}
