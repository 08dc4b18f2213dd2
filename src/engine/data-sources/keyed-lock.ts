/**
 * Runs work one at a time per key, in the order it was asked for: two saves of one data source
 * must not both stop, start and persist it at once. Different keys run side by side.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      // The last in line forgets the key, so the map holds only keys with work pending.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
