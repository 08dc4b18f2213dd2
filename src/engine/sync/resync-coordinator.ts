import type { Catalog } from "../catalog/catalog.js";
import { PortolanError } from "../errors/portolan-error.js";
import type { Logger } from "../logging/create-logger.js";
import type { BoundMapping } from "../mapping/bind-mapping.js";
import type { RawExamples } from "./raw-examples.js";
import type { ResyncHistory } from "./resync-history.js";
import type { ResyncSummary } from "./resync-summary.js";
import { runResync } from "./run-resync.js";
import type { SyncCursors } from "./sync-cursors.js";

function resyncTimeLimitError(limitMilliseconds: number): PortolanError {
  const hours = limitMilliseconds / 3_600_000;
  const limit = hours >= 1 ? `${hours} hours` : `${limitMilliseconds} ms`;
  return new PortolanError("RESYNC_TIME_LIMIT", `the resync ran longer than ${limit} and was stopped`, {
    hint: "nothing was deleted; the next scheduled resync starts afresh. If a full resync of this data source takes this long, narrow the mapping's selectors or split it into several data sources",
  });
}

/**
 * The seed's rule: a resync due while another runs is skipped, "up to 24 hours delay" — so a resync
 * that has run for a day is stopped (failed, nothing deleted) and the next due one starts afresh.
 */
export const MAX_RESYNC_MILLISECONDS = 24 * 60 * 60_000;

export type ResyncRequestOutcome =
  | { started: true; summary: Promise<ResyncSummary> }
  | { started: false; skippedId: string; runningId: string | undefined };

/**
 * One resync per data source at a time: a resync due while another runs is skipped and the skip
 * recorded (the seed's rule), never queued or started over — across replicas too, through the
 * store's lock. Also runs the interval schedule.
 */
export class ResyncCoordinator {
  private current: { tracker: { id?: string }; done: Promise<unknown> } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private incrementalTimer: NodeJS.Timeout | undefined;
  private latest: ResyncSummary | undefined;

  constructor(
    private readonly context: {
      mapping: () => BoundMapping;
      catalog: Catalog;
      history: ResyncHistory;
      dataSource: string;
      logger: Logger;
      /** The store's cross-replica lock (`Database.tryLock`). */
      tryLock: (name: string) => Promise<(() => Promise<void>) | undefined>;
      rawExamples: RawExamples;
      /** `sendRawDataExamples`: off, no raw example is kept. */
      keepRawExamples: boolean;
      /** Incremental sync cursors of this data source. */
      cursors: SyncCursors;
      /** How long a resync may run before it is stopped; {@link MAX_RESYNC_MILLISECONDS} by default. */
      maxResyncMilliseconds?: number;
    },
  ) {}

  /**
   * A full resync, or with `incrementalMinutes` an incremental run that looks back that far for
   * resources without a cursor. Either kind is skipped while another runs.
   */
  async request(trigger: string, incrementalMinutes?: number): Promise<ResyncRequestOutcome> {
    if (this.current) {
      const runningId = this.current.tracker.id;
      return this.skip(trigger, `a resync (${runningId ?? "starting"}) was still running`, runningId);
    }
    const tracker: { id?: string } = {};
    const claim = this.context.tryLock(`portolan:resync:${this.context.dataSource}`);
    // Claimed before the first await, so a request arriving meanwhile is skipped too.
    this.current = { tracker, done: claim };
    let release: (() => Promise<void>) | undefined;
    try {
      release = await claim;
    } catch (error) {
      this.current = undefined;
      throw error;
    }
    if (!release) {
      this.current = undefined;
      return this.skip(
        trigger,
        "another Portolan replica was running a resync of this data source",
        undefined,
      );
    }
    const unlock = release;
    const summary = this.run(trigger, tracker, incrementalMinutes).finally(async () => {
      try {
        await unlock();
      } finally {
        this.current = undefined;
      }
    });
    this.current = { tracker, done: summary };
    return { started: true, summary };
  }

  private async run(
    trigger: string,
    tracker: { id?: string },
    incrementalMinutes: number | undefined,
  ): Promise<ResyncSummary> {
    // The lock is held, so a resync still marked running died with its process: close it, forget its keys.
    for (const id of await this.context.history.closeInterrupted(this.context.dataSource)) {
      await this.context.catalog.endResync(id);
      this.context.logger.warn(
        { resyncId: id },
        "a resync interrupted by a crash or kill was closed as failed",
      );
    }
    if (!this.context.keepRawExamples && incrementalMinutes === undefined)
      await this.context.rawExamples.clear();
    const limit = this.context.maxResyncMilliseconds ?? MAX_RESYNC_MILLISECONDS;
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(resyncTimeLimitError(limit)), limit);
    timer.unref();
    try {
      return await this.runWithin(trigger, tracker, incrementalMinutes, stop.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  private runWithin(
    trigger: string,
    tracker: { id?: string },
    incrementalMinutes: number | undefined,
    signal: AbortSignal,
  ): Promise<ResyncSummary> {
    return runResync({
      signal,
      mapping: this.context.mapping(),
      catalog: this.context.catalog,
      history: this.context.history,
      dataSource: this.context.dataSource,
      trigger,
      logger: this.context.logger,
      ...(this.context.keepRawExamples ? { rawExamples: this.context.rawExamples } : {}),
      ...(incrementalMinutes === undefined
        ? {}
        : {
            incremental: {
              cursors: this.context.cursors,
              firstSince: new Date(Date.now() - incrementalMinutes * 60_000),
            },
          }),
      onProgress: (summary) => {
        tracker.id = summary.id;
        this.latest = summary;
      },
    });
  }

  private async skip(
    trigger: string,
    reason: string,
    runningId: string | undefined,
  ): Promise<ResyncRequestOutcome> {
    const skippedId = await this.context.history.recordSkip(this.context.dataSource, trigger, reason);
    this.context.logger.warn({ trigger, skippedId }, `resync skipped: ${reason}`);
    return { started: false, skippedId, runningId };
  }

  /** The running resync's live counts, or the last one's. */
  progress(): ResyncSummary | undefined {
    return this.latest;
  }

  isRunning(): boolean {
    return this.current !== undefined;
  }

  schedule(intervalMinutes: number): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = this.every(intervalMinutes, () => this.request("schedule"));
  }

  /** Incremental runs every `intervalMinutes`, each looking back as far for a resource's first run. */
  scheduleIncremental(intervalMinutes: number): void {
    if (this.incrementalTimer) clearInterval(this.incrementalTimer);
    this.incrementalTimer = this.every(intervalMinutes, () => this.request("incremental", intervalMinutes));
  }

  private every(minutes: number, request: () => Promise<ResyncRequestOutcome>): NodeJS.Timeout {
    const timer = setInterval(() => {
      void request().then((outcome) => {
        if (outcome.started)
          outcome.summary.catch((error) =>
            this.context.logger.error({ err: error }, "scheduled resync failed"),
          );
      });
    }, minutes * 60_000);
    timer.unref();
    return timer;
  }

  unschedule(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.incrementalTimer) clearInterval(this.incrementalTimer);
    this.timer = undefined;
    this.incrementalTimer = undefined;
  }

  /** Waits for the running resync, if any (shutdown). */
  async settle(): Promise<void> {
    await this.current?.done.catch(() => undefined);
  }
}
