import type { Catalog } from "../catalog/catalog.js";
import type { Logger } from "../logging/create-logger.js";
import type { BoundMapping } from "../mapping/bind-mapping.js";
import type { ResyncHistory } from "./resync-history.js";
import type { ResyncSummary } from "./resync-summary.js";
import { runResync } from "./run-resync.js";

export type ResyncRequestOutcome =
  | { started: true; summary: Promise<ResyncSummary> }
  | { started: false; skippedId: string; runningId: string | undefined };

/**
 * One resync per data source at a time: a resync due while another runs is skipped and the skip
 * recorded (the seed's rule), never queued or started over. Also runs the interval schedule.
 */
export class ResyncCoordinator {
  private current: { tracker: { id?: string }; done: Promise<ResyncSummary> } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private latest: ResyncSummary | undefined;

  constructor(
    private readonly context: {
      mapping: () => BoundMapping;
      catalog: Catalog;
      history: ResyncHistory;
      dataSource: string;
      logger: Logger;
    },
  ) {}

  async request(trigger: string): Promise<ResyncRequestOutcome> {
    if (this.current) {
      const runningId = this.current.tracker.id;
      const reason = `a resync (${runningId ?? "starting"}) was still running`;
      const skippedId = await this.context.history.recordSkip(this.context.dataSource, trigger, reason);
      this.context.logger.warn({ trigger, skippedId }, `resync skipped: ${reason}`);
      return { started: false, skippedId, runningId };
    }
    const tracker: { id?: string } = {};
    const done = runResync({
      mapping: this.context.mapping(),
      catalog: this.context.catalog,
      history: this.context.history,
      dataSource: this.context.dataSource,
      trigger,
      logger: this.context.logger,
      onProgress: (summary) => {
        tracker.id = summary.id;
        this.latest = summary;
      },
    }).finally(() => {
      this.current = undefined;
    });
    this.current = { tracker, done };
    return { started: true, summary: done };
  }

  /** The running resync's live counts, or the last one's. */
  progress(): ResyncSummary | undefined {
    return this.latest;
  }

  isRunning(): boolean {
    return this.current !== undefined;
  }

  schedule(intervalMinutes: number): void {
    this.unschedule();
    this.timer = setInterval(() => {
      void this.request("schedule").then((outcome) => {
        if (outcome.started)
          outcome.summary.catch((error) =>
            this.context.logger.error({ err: error }, "scheduled resync failed"),
          );
      });
    }, intervalMinutes * 60_000);
    this.timer.unref();
  }

  unschedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Waits for the running resync, if any (shutdown). */
  async settle(): Promise<void> {
    await this.current?.done.catch(() => undefined);
  }
}
