import { randomUUID } from "node:crypto";
import { PortolanError } from "../errors/portolan-error.js";
import type { Logger } from "../logging/create-logger.js";
import type { InboxEntry, WebhookInbox } from "./webhook-inbox.js";

export interface EventWorkerPoolOptions {
  inbox: WebhookInbox;
  /** `event_workers_count`: 1 = one simple queue; more = groups in parallel, each group in order. */
  workers: number;
  /** Applies one event; `signal` aborts when the event runs out of time, so it writes nothing late. */
  process: (entry: InboxEntry, signal: AbortSignal) => Promise<void>;
  logger: Logger;
  /** How often idle workers look at the inbox without being woken (other replicas may append). */
  pollIntervalMs?: number;
  /** How long a claim lasts before another worker may take the event over; renewed while it runs. */
  leaseSeconds?: number;
  /** Attempts before an event is recorded as failed; retries wait 1 s, 2 s, 4 s, … (at most 60 s). */
  maxAttempts?: number;
  /** Ocean's `max_event_processing_seconds`: an event running longer is abandoned as failed (no retry). */
  maxProcessingSeconds?: number;
  /**
   * True while deliveries are arriving and the workers share one thread with the intake (the
   * embedded store): workers then leave at least half of the time to the intake.
   */
  intakeIsBusy?: () => boolean;
}

const DEFAULT_LEASE_SECONDS = 120;
const DEFAULT_MAX_ATTEMPTS = 5;
const MAX_INTAKE_REST_MS = 500;
/** Ocean's default `max_event_processing_seconds`. */
export const DEFAULT_MAX_EVENT_PROCESSING_SECONDS = 90;

/**
 * `workers` loops that each take the oldest event of a group nobody else holds. The inbox does the
 * ordering and keeps the claims, so a crash loses nothing and a retry never overtakes a later event
 * of its group.
 */
export class EventWorkerPool {
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly poolId = randomUUID();
  private busy = 0;

  constructor(private readonly options: EventWorkerPoolOptions) {}

  async start(): Promise<void> {
    const released = await this.options.inbox.releaseClaimsAfterRestart();
    if (released > 0)
      this.options.logger.warn({ released }, "requeued events interrupted by the previous stop");
    this.running = true;
    for (let index = 0; index < Math.max(1, this.options.workers); index++) {
      this.loops.push(this.loop(`${this.poolId}/${index}`));
    }
  }

  /**
   * Wakes one idle worker: a new event was appended. One is enough — a worker that claims something
   * wakes the next (there may be more), and looks again itself as soon as it is done — and waking
   * them all would send every idle worker's claim query to the store for each delivery received.
   */
  notify(): void {
    const [wake] = this.sleepers;
    wake?.();
  }

  /** Resolves when no event is queued or in progress (for tests and `--once`). */
  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.busy === 0 && !(await this.options.inbox.hasUnfinished())) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const wake of [...this.sleepers]) wake();
    await Promise.all(this.loops);
  }

  private async loop(workerId: string): Promise<void> {
    const leaseSeconds = this.options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
    while (this.running) {
      // The embedded store answers in microtasks, without I/O: a worker going from event to event
      // would otherwise keep the event loop from reading requests (deliveries) for as long as the
      // queue lasts.
      await new Promise((resolve) => setImmediate(resolve));
      const started = performance.now();
      let entry: InboxEntry | undefined;
      try {
        entry = await this.options.inbox.claimNext(workerId, leaseSeconds);
      } catch (error) {
        this.options.logger.error({ err: error, workerId }, "cannot read the webhook inbox");
      }
      if (!entry) {
        await this.sleep();
        continue;
      }
      // Found work: another sleeper looks for more. An event this one unblocks when it finishes
      // is found by its own next claim, or by the worker that claim wakes.
      this.notify();
      this.busy++;
      try {
        await this.apply(entry, workerId, leaseSeconds);
      } finally {
        this.busy--;
      }
      await this.yieldToIntake(performance.now() - started);
    }
  }

  private async apply(entry: InboxEntry, workerId: string, leaseSeconds: number): Promise<void> {
    const log = this.options.logger.child({ deliveryId: entry.deliveryId, event: entry.name, workerId });
    const renewal = setInterval(
      () => {
        this.options.inbox.extendLease(entry.sequence, workerId, leaseSeconds).catch((error: unknown) => {
          log.warn({ err: error }, "cannot renew the event's lease");
        });
      },
      (leaseSeconds * 1000) / 3,
    );
    const maxSeconds = this.options.maxProcessingSeconds ?? DEFAULT_MAX_EVENT_PROCESSING_SECONDS;
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      deadline.abort(
        new PortolanError(
          "EVENT_TIMED_OUT",
          `event ${entry.name} (delivery ${entry.deliveryId}) was still running after ${maxSeconds} s and was abandoned`,
          {
            hint: "raise maxEventProcessingSeconds (OCEAN__MAX_EVENT_PROCESSING_SECONDS), or look for what made the source slow (rate limits, a slow network)",
          },
        ),
      );
    }, maxSeconds * 1000);
    try {
      await abandonable(this.options.process(entry, deadline.signal), deadline.signal);
      if (!(await this.options.inbox.complete(entry.sequence, workerId))) {
        log.warn("event applied after its lease ran out; another worker may apply it again");
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      // A timed-out event would most likely time out again, holding its group each time.
      const retryAfter =
        entry.attempts < maxAttempts && !deadline.signal.aborted
          ? Math.min(2 ** (entry.attempts - 1), 60)
          : undefined;
      await this.options.inbox
        .fail(entry.sequence, workerId, message, retryAfter)
        .catch((failure: unknown) => {
          log.error({ err: failure }, "cannot record the event's failure");
        });
      if (retryAfter === undefined)
        log.error({ err: error, attempts: entry.attempts }, "event failed; no retry left");
      else log.warn({ err: error, attempts: entry.attempts, retryAfter }, "event failed; will retry");
    } finally {
      clearTimeout(timer);
      clearInterval(renewal);
    }
  }

  /**
   * While the intake is busy, pauses this worker so that all of them together work at most half of
   * the time: each works `worked` ms and rests (2 × workers − 1) × `worked`. A burst of deliveries
   * is then answered quickly, and the events are still applied meanwhile, at half speed or more
   * (a long event, slow on the network rather than on the thread, rests at most half a second).
   */
  private async yieldToIntake(worked: number): Promise<void> {
    if (!this.running || !this.options.intakeIsBusy?.()) return;
    const workers = Math.max(1, this.options.workers);
    const rest = Math.min((2 * workers - 1) * worked, MAX_INTAKE_REST_MS);
    await new Promise((resolve) => setTimeout(resolve, rest));
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

/** Settles with `work`, or rejects with the signal's reason once it aborts (`work` is left to finish unobserved). */
function abandonable(work: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abandon = () => reject(signal.reason);
    signal.addEventListener("abort", abandon, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abandon));
  });
}
