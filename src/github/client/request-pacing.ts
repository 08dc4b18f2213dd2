/**
 * How one client's (one credential's) requests are paced to stay clear of GitHub's secondary rate limits:
 * - writes (REST POST, PATCH, PUT, DELETE) start at least `writeSpacingMs` apart, as GitHub asks of
 *   mutative requests;
 * - GraphQL queries run one at a time, back to back. GitHub allows the GraphQL API at most 60 s of CPU
 *   per minute, which it tells clients to estimate by the total response time of their requests: one
 *   query in flight can never exceed it, and unlike a fixed spacing it does not sit idle between fast
 *   answers. Portolan sends GraphQL queries only, never mutations.
 * - everything else (REST reads) is left to Octokit's throttling (10 in flight per credential).
 *
 * Octokit's throttling plugin cannot tell a GraphQL query from a write (both are POSTs), so it would
 * space every query a second apart; `GitHubClient` hands it a `write` group that paces nothing and paces
 * here instead.
 */
import { setTimeout as delay } from "node:timers/promises";

export type PacedRequest = "read" | "write" | "graphql";

/** What a route is for pacing: `POST …/graphql` is a GraphQL query, any other non-GET a write. */
export function pacedRequestOf(route: string): PacedRequest {
  const [method = "GET", path = ""] = route.split(" ", 2);
  if (method === "POST" && /\/graphql$/.test(path)) return "graphql";
  return method === "GET" || method === "HEAD" ? "read" : "write";
}

export interface RequestPacingOptions {
  /** Milliseconds between the starts of two writes (1000 in production; simulator tests lower it). */
  writeSpacingMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<unknown>;
}

export class RequestPacing {
  private writeTurn: Promise<void> = Promise.resolve();
  private lastWriteStart = Number.NEGATIVE_INFINITY;
  private graphqlTurn: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<unknown>;

  constructor(private readonly options: RequestPacingOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => delay(ms));
  }

  /** Runs `send` when its kind of request may go. */
  async run<T>(kind: PacedRequest, send: () => Promise<T>): Promise<T> {
    if (kind === "write") {
      await this.writeSlot();
      return send();
    }
    if (kind === "graphql") return this.oneAtATime(send);
    return send();
  }

  /** Waits for the previous write's start plus the spacing; writes queue in order. */
  private writeSlot(): Promise<void> {
    const slot = this.writeTurn.then(async () => {
      const wait = this.lastWriteStart + this.options.writeSpacingMs - this.now();
      if (wait > 0) await this.sleep(wait);
      this.lastWriteStart = this.now();
    });
    this.writeTurn = slot;
    return slot;
  }

  private oneAtATime<T>(send: () => Promise<T>): Promise<T> {
    const result = this.graphqlTurn.then(send);
    // The next query waits for this one to settle, whether it succeeded or failed.
    this.graphqlTurn = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
