/**
 * Pages of many sources read `limit` sources at a time, yielded as they arrive (spec §3.6: one
 * sub-iterator per repository, merged concurrently). Each reader holds at most one page the consumer has
 * not taken, so memory is bounded by `limit` pages, never by the number of sources. Pages keep their
 * order within a source; across sources they come in the order they arrived.
 *
 * The first error of a source or of `sources` stops the merge: no new source is started, and it is
 * thrown once the readers in flight have stopped. A caller that stops early stops the readers too.
 */
export async function* mergeConcurrentPages<Source, Item>(
  sources: AsyncIterable<Source>,
  limit: number,
  read: (source: Source) => AsyncIterable<Item[]>,
): AsyncIterable<Item[]> {
  const pending = sources[Symbol.asyncIterator]();
  /** Arrived pages, each with the callback that lets its reader go on. */
  const arrived: Array<{ page: Item[]; taken: () => void }> = [];
  let wakeConsumer: (() => void) | undefined;
  let failure: { error: unknown } | undefined;
  let stopped = false;
  const notify = () => {
    const wake = wakeConsumer;
    wakeConsumer = undefined;
    wake?.();
  };

  let running = Math.max(1, limit);
  const reader = async (): Promise<void> => {
    try {
      while (!stopped) {
        const next = await pending.next();
        if (next.done) return;
        for await (const page of read(next.value)) {
          if (stopped) return;
          await new Promise<void>((taken) => {
            arrived.push({ page, taken });
            notify();
          });
        }
      }
    } catch (error) {
      failure ??= { error };
      stopped = true;
    } finally {
      running -= 1;
      notify();
    }
  };

  const readers = Array.from({ length: running }, reader);
  try {
    for (;;) {
      if (failure) throw failure.error;
      const next = arrived.shift();
      if (next) {
        // Its reader fetches its next page while this one is consumed.
        next.taken();
        yield next.page;
        continue;
      }
      if (running === 0) return;
      await new Promise<void>((resolve) => {
        wakeConsumer = resolve;
      });
    }
  } finally {
    stopped = true;
    for (const { taken } of arrived.splice(0)) taken();
    await Promise.all(readers);
    await pending.return?.();
  }
}
