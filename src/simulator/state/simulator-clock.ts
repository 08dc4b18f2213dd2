/**
 * The simulator's notion of "now" for data it stores (created_at, updated_at, pushed_at ...). The default
 * clock starts at the seed's epoch and advances one second per reading, so a scripted run writes the same
 * timestamps every time. Rate-limit windows use the wall clock instead, since clients compare them with it.
 */
export interface SimulatorClock {
  /** The current instant as GitHub formats it: `2024-01-02T03:04:05Z`. */
  now(): string;
}

export function formatGitHubTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function createSteppingClock(startMs: number): SimulatorClock {
  let current = startMs;
  return {
    now() {
      current += 1000;
      return formatGitHubTime(new Date(current));
    },
  };
}

/** The real time, for runs whose clients compare `updated_at` with their own clock (incremental sync). */
export function createWallClock(): SimulatorClock {
  return { now: () => formatGitHubTime(new Date()) };
}
