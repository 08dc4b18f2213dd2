/** One answered (or deliberately unanswered) API request. */
export interface RequestLogEntry {
  /** Method and route pattern, e.g. `GET /repos/{owner}/{repo}/pulls`; `(unmatched)` for unknown paths. */
  endpoint: string;
  /** The credential's label (kind, user, short hash; never the secret), or `anonymous`. */
  credential: string;
  /** The rate-limit bucket the request drew on. */
  bucket: string;
  /** The HTTP status, or the injected fault when no status was sent (`reset`, `timeout`). */
  status: string;
  /** The injected fault, when a fault rule fired. */
  fault?: string;
}

export interface RequestLogSummary {
  total: number;
  byEndpoint: Record<string, number>;
  byCredential: Record<string, number>;
  byBucket: Record<string, number>;
  byStatus: Record<string, number>;
  byFault: Record<string, number>;
}

type Counter = Exclude<keyof RequestLogSummary, "total">;

/**
 * Counts of the API requests the simulator served, so tests and benchmarks can say exactly how many
 * calls a sync made, with which credential, against which budget. Control requests are not counted.
 */
export class RequestLog {
  private total = 0;
  private readonly counts = new Map<Counter, Map<string, number>>();

  record(entry: RequestLogEntry): void {
    this.total += 1;
    this.count("byEndpoint", entry.endpoint);
    this.count("byCredential", entry.credential);
    this.count("byBucket", entry.bucket);
    this.count("byStatus", entry.status);
    if (entry.fault !== undefined) this.count("byFault", entry.fault);
  }

  /** Every count, keys sorted so two summaries of the same traffic are equal. */
  summary(): RequestLogSummary {
    const sorted = (counter: Counter) =>
      Object.fromEntries(
        [...(this.counts.get(counter) ?? new Map<string, number>())].sort(([a], [b]) => a.localeCompare(b)),
      );
    return {
      total: this.total,
      byEndpoint: sorted("byEndpoint"),
      byCredential: sorted("byCredential"),
      byBucket: sorted("byBucket"),
      byStatus: sorted("byStatus"),
      byFault: sorted("byFault"),
    };
  }

  reset(): void {
    this.total = 0;
    this.counts.clear();
  }

  private count(counter: Counter, key: string): void {
    let counts = this.counts.get(counter);
    if (!counts) {
      counts = new Map();
      this.counts.set(counter, counts);
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}
