/**
 * The page size of a GraphQL connection walk: GitHub times out (502, or an error saying "timeout") on
 * heavy pages, so a failing page is asked again at half the size, and after a few pages that pass the
 * size doubles back towards the largest.
 */
import { isRequestErrorLike } from "./translate-request-error.js";

/** Successful pages at a reduced size before it doubles again. */
export const GROW_AFTER_PAGES = 2;

export class AdaptivePageSize {
  private size: number;
  private passed = 0;

  constructor(
    private readonly largest: number,
    private readonly smallest = 1,
  ) {
    this.size = largest;
  }

  get current(): number {
    return this.size;
  }

  /** Halves the size after a timeout; false when it is already the smallest (the error stands). */
  shrink(): boolean {
    if (this.size <= this.smallest) return false;
    this.size = Math.max(this.smallest, Math.floor(this.size / 2));
    this.passed = 0;
    return true;
  }

  /** A page passed: enough of them in a row double the size, up to the largest. */
  passedPage(): void {
    if (this.size >= this.largest) return;
    this.passed += 1;
    if (this.passed < GROW_AFTER_PAGES) return;
    this.size = Math.min(this.largest, this.size * 2);
    this.passed = 0;
  }
}

/** Whether a failed page looks like GitHub giving up on its weight: a 5xx, or a timeout it reports. */
export function isHeavyPageFailure(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  if (isRequestErrorLike(cause) && cause.response !== undefined && cause.status >= 500) return true;
  return error instanceof Error && /\btim(e|ed) ?out\b/i.test(error.message);
}
