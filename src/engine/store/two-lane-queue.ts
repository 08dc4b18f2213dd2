/**
 * Runs one job at a time, a waiting priority job before any waiting ordinary one. Priority jobs
 * never starve ordinary ones in practice: their only source (the webhook intake's group commit)
 * submits its next job after the previous one settled, by which time an ordinary job has started.
 */
export class TwoLaneQueue {
  private readonly lanes = { priority: [] as (() => void)[], ordinary: [] as (() => void)[] };
  private running = false;

  run<T>(lane: "priority" | "ordinary", job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.lanes[lane].push(() => {
        job()
          .then(resolve, reject)
          .finally(() => {
            this.running = false;
            this.startNext();
          });
      });
      this.startNext();
    });
  }

  private startNext(): void {
    if (this.running) return;
    const start = this.lanes.priority.shift() ?? this.lanes.ordinary.shift();
    if (!start) return;
    this.running = true;
    start();
  }
}
