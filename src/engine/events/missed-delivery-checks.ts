import { isPortolanError } from "../errors/portolan-error.js";
import type { Logger } from "../logging/create-logger.js";
import type { DeliveryLedger, MissedDeliveriesMoment, MissedDeliveriesReport } from "./delivery-ledger.js";

export interface MissedDeliveryChecksOptions {
  dataSource: string;
  ledger: DeliveryLedger;
  /** The integration's recovery (`Integration.recoverMissedDeliveries`). */
  recover: (
    ledger: DeliveryLedger,
    check: { moment: MissedDeliveriesMoment; startedAt: number; signal: AbortSignal },
  ) => Promise<MissedDeliveriesReport>;
  /** The store's cross-replica lock (`Database.tryLock`): one replica checks a data source at a time. */
  tryLock: (name: string) => Promise<(() => Promise<void>) | undefined>;
  /** Asked when misses can no longer be redelivered. */
  requestResync: (trigger: string) => Promise<unknown>;
  logger: Logger;
}

/**
 * Checks a data source's webhooks for missed deliveries — once at start, then every interval while it
 * runs (issue 8 point 5), so a delivery GitHub could not bring while the server was up is redelivered
 * without a restart. Checks never overlap, in this process (one at a time) nor across replicas (the
 * store's lock; a replica finding it held skips its turn), and `stop()` ends them.
 */
export class MissedDeliveryChecks {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<MissedDeliveriesReport | undefined> | undefined;
  private readonly stopping = new AbortController();
  /**
   * Before the data source's start resync reads anything: a delivery missed after this, before the
   * webhooks' first check set their mark, must still be found.
   */
  private readonly startedAt = Date.now();

  constructor(private readonly options: MissedDeliveryChecksOptions) {}

  /**
   * One check now, after the one under way if any. Undefined when it did not run (another replica
   * holds the lock, or it is stopped) or failed (logged: the next check starts from the same mark).
   */
  async check(moment: MissedDeliveriesMoment): Promise<MissedDeliveriesReport | undefined> {
    while (this.inFlight) await this.inFlight;
    if (this.stopping.signal.aborted) return undefined;
    const run = this.run(moment).finally(() => {
      this.inFlight = undefined;
    });
    this.inFlight = run;
    return run;
  }

  /** A check every `intervalSeconds` (0: none), each timed from the end of the previous one. */
  schedule(intervalSeconds: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (intervalSeconds <= 0 || this.stopping.signal.aborted) return;
    const next = () => {
      this.timer = setTimeout(() => {
        void this.check("interval").finally(() => {
          if (!this.stopping.signal.aborted) next();
        });
      }, intervalSeconds * 1000);
      // A pending check must not keep a finished process alive.
      this.timer.unref();
    };
    next();
  }

  /** No further check; one under way is aborted and awaited. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    await this.inFlight;
  }

  private async run(moment: MissedDeliveriesMoment): Promise<MissedDeliveriesReport | undefined> {
    const { dataSource, logger } = this.options;
    const log = logger.child({ check: "missed-deliveries", moment });
    try {
      const release = await this.options.tryLock(`portolan:missed-deliveries:${dataSource}`);
      if (!release) {
        log.debug("another replica is checking this data source's webhooks for missed deliveries");
        return undefined;
      }
      try {
        const report = await this.options.recover(this.options.ledger, {
          moment,
          startedAt: this.startedAt,
          signal: this.stopping.signal,
        });
        if (report.needsResync) {
          log.warn(
            { events: report.unrecoverable },
            "webhook deliveries were missed longer ago than the source redelivers: resyncing",
          );
          await this.options.requestResync("missed-deliveries");
        }
        return report;
      } finally {
        await release();
      }
    } catch (error) {
      if (this.stopping.signal.aborted) return undefined;
      log.error(
        { code: isPortolanError(error) ? error.code : undefined, err: error },
        "checking the webhooks for missed deliveries failed; the next check tries again",
      );
      return undefined;
    }
  }
}
