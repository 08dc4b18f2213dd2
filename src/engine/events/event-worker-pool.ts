import type { Logger } from "../logging/create-logger.js";
import type { InboxEntry, WebhookInbox } from "./webhook-inbox.js";

export interface EventWorkerPoolOptions {
  inbox: WebhookInbox;
  /** `event_workers_count`: 1 = one simple queue; more = groups in parallel, each group in order. */
  workers: number;
  process: (entry: InboxEntry) => Promise<void>;
  logger: Logger;
  /** How often idle workers look at the inbox without being woken (other replicas may append). */
  pollIntervalMs?: number;
}

/**
 * `workers` loops that each take the oldest event of a group nobody else holds. The inbox does the
 * ordering, so a crash loses nothing: unfinished events are requeued at the next start.
 */
export class EventWorkerPool {
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private idleWaiters: Array<() => void> = [];
  private busy = 0;

  constructor(private readonly options: EventWorkerPoolOptions) {}

  async start(): Promise<void> {
    const requeued = await this.options.inbox.requeueInterrupted();
    if (requeued > 0)
      this.options.logger.warn({ requeued }, "requeued events interrupted by a previous stop");
    this.running = true;
    for (let index = 0; index < Math.max(1, this.options.workers); index++) this.loops.push(this.loop(index));
  }

  /** Wakes idle workers: a new event was appended. */
  notify(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /** Resolves when no worker is busy and nothing can be claimed (for tests and `--once`). */
  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.busy === 0) {
        const counts = await this.options.inbox.counts();
        if (!counts.queued && !counts.processing) return;
      }
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await Promise.all(this.loops);
  }

  private async loop(worker: number): Promise<void> {
    while (this.running) {
      let entry: InboxEntry | undefined;
      try {
        entry = await this.options.inbox.claimNext();
      } catch (error) {
        this.options.logger.error({ err: error, worker }, "cannot read the webhook inbox");
      }
      if (!entry) {
        await this.sleep();
        continue;
      }
      this.busy++;
      const log = this.options.logger.child({ deliveryId: entry.deliveryId, event: entry.name, worker });
      try {
        await this.options.process(entry);
        await this.options.inbox.complete(entry.sequence);
        log.debug("event applied");
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await this.options.inbox.fail(entry.sequence, message);
        log.error({ err: error }, "event failed");
      } finally {
        this.busy--;
        // Finishing an event may unblock the next one of its group for another worker.
        this.notify();
        for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs ?? 1000);
      this.sleepers.add(done);
    });
  }
}
