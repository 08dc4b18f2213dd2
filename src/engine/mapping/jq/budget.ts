/**
 * The time and size budget of one evaluation: a filter that never ends or builds a huge value is stopped
 * and reported as an error instead of hanging or crashing the process.
 *
 * Evaluation is synchronous, so the budget of the evaluation running now lives in module state: the hot
 * paths pay one decrement per step (`tick`) and read the clock only every CLOCK_EVERY steps. The clock
 * starts at the first check: the typical mapping leaf ends sooner and never reads it (the uncounted first
 * steps take microseconds).
 */

/** Limits of one evaluation; `compileJq` applies DEFAULT_LIMITS to what its options leave out. */
export interface JqLimits {
  /** Time an evaluation may run, in milliseconds (for `outputs`, the time spent producing outputs). */
  readonly timeoutMs: number;
  /** Largest value an evaluation may build, in bytes (string length; 8 per array element or object key). */
  readonly maxValueBytes: number;
}

/** Generous for real mappings, which take microseconds and build kilobytes. */
export const DEFAULT_LIMITS: JqLimits = { timeoutMs: 1000, maxValueBytes: 64 * 1024 * 1024 };

/**
 * Stops an evaluation. Deliberately not a JqThrow: `try`, `?` and `catch` must not swallow it, or a
 * filter could catch its own stop and go on.
 */
export class JqBudgetExceeded {
  constructor(readonly message: string) {}
}

const CLOCK_EVERY = 1024;

let countdown = CLOCK_EVERY;
/** NaN until the first clock check of the current evaluation. */
let deadline = Number.NaN;
let remainingMs = Number.POSITIVE_INFINITY;
let maxBytes = Number.POSITIVE_INFINITY;
let limits: JqLimits | null = null;

/** Counts one evaluation step; every CLOCK_EVERY steps, stops the evaluation once past its deadline. */
export function tick(): void {
  if (--countdown <= 0) checkClock();
}

function checkClock(): void {
  countdown = CLOCK_EVERY;
  if (limits === null) return;
  const now = performance.now();
  if (Number.isNaN(deadline)) deadline = now + remainingMs;
  else if (now > deadline) {
    throw new JqBudgetExceeded(`evaluation stopped: more than ${formatMs(limits.timeoutMs)}`);
  }
}

/** Stops the evaluation when a value of `bytes` (see JqLimits.maxValueBytes) would exceed the budget. */
export function checkSize(bytes: number): void {
  if (bytes > maxBytes && limits !== null) {
    throw new JqBudgetExceeded(`evaluation stopped: built a value over ${formatBytes(limits.maxValueBytes)}`);
  }
}

/** Bytes a value's top level occupies, as the budget counts them (shared children are not counted). */
export function shallowSize(v: unknown): number {
  if (typeof v === "string") return v.length;
  if (Array.isArray(v)) return v.length * 8;
  if (v !== null && typeof v === "object") return Object.keys(v).length * 8;
  return 8;
}

/** One evaluation's budget; an `outputs` iterator keeps the time left between its outputs. */
export class Budget {
  private remainingMs: number;

  constructor(private readonly of: JqLimits) {
    this.remainingMs = of.timeoutMs;
  }

  /** Runs `step` under this budget; the budget of an enclosing evaluation, if any, is restored after. */
  run<T>(step: () => T): T {
    const saved = { countdown, deadline, remainingMs, maxBytes, limits };
    countdown = CLOCK_EVERY;
    deadline = Number.NaN;
    remainingMs = this.remainingMs;
    maxBytes = this.of.maxValueBytes;
    limits = this.of;
    try {
      return step();
    } finally {
      if (!Number.isNaN(deadline)) this.remainingMs = deadline - performance.now();
      ({ countdown, deadline, remainingMs, maxBytes, limits } = saved);
    }
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}
