import type { RateLimitSettings } from "./rate-limit-settings.js";

/** Which secondary points-per-minute budget a request draws on. */
export type SecondaryApi = "rest" | "graphql";

const MINUTE_MS = 60_000;

/**
 * GitHub's secondary limits per credential: requests in flight at once (shared by REST and GraphQL), and
 * points per minute (REST: 1 per GET/HEAD/OPTIONS, 5 per other method; GraphQL: 1 per query, 5 per
 * mutation; counted only when a points limit is set). `admit` either takes the request in, returning how
 * to let it go, or refuses it.
 */
export class SecondaryRateLimiter {
  private readonly inFlight = new Map<string, number>();
  private readonly minutes = new Map<string, { points: number; endsAtMs: number }>();

  constructor(private readonly settings: () => RateLimitSettings) {}

  admit(credential: string, api: SecondaryApi, points: number): { release: () => void } | null {
    const limits = this.settings();
    const running = this.inFlight.get(credential) ?? 0;
    if (running >= limits.concurrentRequests) return null;
    const minute = this.minute(`${api}\n${credential}`);
    const budget = api === "graphql" ? limits.graphqlPointsPerMinute : limits.restPointsPerMinute;
    if (budget !== null && minute.points + points > budget) return null;
    minute.points += points;
    this.inFlight.set(credential, running + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (this.inFlight.get(credential) ?? 1) - 1;
        if (left === 0) this.inFlight.delete(credential);
        else this.inFlight.set(credential, left);
      },
    };
  }

  /** Forgets the points spent (in-flight requests stay counted until they end). */
  clear(): void {
    this.minutes.clear();
  }

  private minute(key: string): { points: number; endsAtMs: number } {
    const now = Date.now();
    let minute = this.minutes.get(key);
    if (!minute || minute.endsAtMs <= now) {
      minute = { points: 0, endsAtMs: now + MINUTE_MS };
      this.minutes.set(key, minute);
    }
    return minute;
  }
}

/** Secondary-limit points of one request, as GitHub documents them. */
export function secondaryPoints(api: SecondaryApi, method: string, isMutation: boolean): number {
  if (api === "graphql") return isMutation ? 5 : 1;
  return ["GET", "HEAD", "OPTIONS"].includes(method) ? 1 : 5;
}
