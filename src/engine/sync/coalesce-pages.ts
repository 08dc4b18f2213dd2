/**
 * Pages regrouped to hold at least `size` items each (the last one may hold fewer): a kind that lists
 * a few items per repository still reaches the catalog in batches, one transaction per batch rather
 * than per repository. Nothing is held beyond one batch.
 */
export async function* coalescePages<T>(pages: AsyncIterable<T[]>, size: number): AsyncIterable<T[]> {
  let batch: T[] = [];
  let failure: { error: unknown } | undefined;
  try {
    for await (const page of pages) {
      if (batch.length === 0 && page.length >= size) {
        yield page;
        continue;
      }
      batch = batch.concat(page);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    // A source that fails late (one repository of many) still delivers what it listed before.
    failure = { error };
  }
  if (batch.length > 0) yield batch;
  if (failure) throw failure.error;
}
