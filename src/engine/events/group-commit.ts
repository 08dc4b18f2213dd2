export interface GroupCommitOptions<Item, Outcome> {
  /** Writes the items in one statement and returns each item's outcome, in the items' order. */
  write(items: readonly Item[]): Promise<Outcome[]>;
  /** At most this many items per write. */
  maxItems: number;
  /** At most this many bytes per write (`sizeOf`), unless a single item is larger on its own. */
  maxBytes: number;
  sizeOf(item: Item): number;
}

interface Waiting<Item, Outcome> {
  item: Item;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

/**
 * Coalesces concurrent writes into one statement: items submitted while a write is in flight go
 * together in the next one, so a burst costs one round trip per batch instead of one per item.
 * Each submitter still waits for its own item to be written and gets its own outcome. Idle, an item
 * is written on the next turn of the event loop (only what arrived in the same turn joins it).
 */
export class GroupCommit<Item, Outcome> {
  private waiting: Waiting<Item, Outcome>[] = [];
  private draining = false;
  private lastSubmitted: Promise<unknown> = Promise.resolve();
  private lastSubmittedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: GroupCommitOptions<Item, Outcome>) {}

  submit(item: Item): Promise<Outcome> {
    const outcome = new Promise<Outcome>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
    });
    this.lastSubmitted = outcome;
    this.lastSubmittedAt = performance.now();
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => void this.drain());
    }
    return outcome;
  }

  /** Whether an item was submitted in the last `milliseconds`. */
  submittedWithin(milliseconds: number): boolean {
    return performance.now() - this.lastSubmittedAt < milliseconds;
  }

  /** Resolves once every item submitted so far is written (or failed); later items are not waited for. */
  async settled(): Promise<void> {
    await this.lastSubmitted.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.takeBatch();
      try {
        settle(batch, await this.options.write(batch.map((entry) => entry.item)));
      } catch (error) {
        if (batch.length === 1) batch[0]?.reject(error);
        // One bad item must not fail its neighbours: each is written alone to find out which.
        else for (const entry of batch) await this.writeAlone(entry);
      }
    }
    this.draining = false;
  }

  private takeBatch(): Waiting<Item, Outcome>[] {
    let bytes = 0;
    let count = 0;
    for (const entry of this.waiting) {
      bytes += this.options.sizeOf(entry.item);
      if (count > 0 && (count === this.options.maxItems || bytes > this.options.maxBytes)) break;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async writeAlone(entry: Waiting<Item, Outcome>): Promise<void> {
    try {
      settle([entry], await this.options.write([entry.item]));
    } catch (error) {
      entry.reject(error);
    }
  }
}

/** `outcomes` holds one outcome per item, in the items' order (the `write` contract). */
function settle<Item, Outcome>(batch: readonly Waiting<Item, Outcome>[], outcomes: readonly Outcome[]): void {
  batch.forEach((entry, index) => {
    entry.resolve(outcomes[index] as Outcome);
  });
}
