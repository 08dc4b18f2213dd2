/**
 * Request pacing: GraphQL queries one at a time without idle gaps, writes spaced, reads left to
 * Octokit's concurrency — in `RequestPacing` with a fake clock, and through a real `GitHubClient`.
 */
import { describe, expect, it } from "vitest";
import { GitHubClient } from "../../../src/github/client/github-client.js";
import { graphqlQuery } from "../../../src/github/client/github-graphql.js";
import { pacedRequestOf, RequestPacing } from "../../../src/github/client/request-pacing.js";
import { fastPolicy, silentLogger } from "../fake-github.js";

/** A clock that only moves when the pacing sleeps, recording each sleep. */
function fakeClock() {
  const clock = { nowMs: 0, sleeps: [] as number[] };
  const sleep = async (ms: number) => {
    clock.sleeps.push(ms);
    clock.nowMs += ms;
  };
  return { clock, now: () => clock.nowMs, sleep };
}

describe("pacedRequestOf", () => {
  it("tells GraphQL queries (github.com and GHES) from writes and reads", () => {
    expect(pacedRequestOf("POST https://api.github.com/graphql")).toBe("graphql");
    expect(pacedRequestOf("POST https://ghes.example.com/api/graphql")).toBe("graphql");
    expect(pacedRequestOf("POST /orgs/{org}/hooks")).toBe("write");
    expect(pacedRequestOf("PATCH /orgs/{org}/hooks/{hook_id}")).toBe("write");
    expect(pacedRequestOf("DELETE /orgs/{org}/hooks/{hook_id}")).toBe("write");
    expect(pacedRequestOf("GET /orgs/{org}/repos")).toBe("read");
    expect(pacedRequestOf("GET https://api.github.com/graphql")).toBe("read");
  });
});

describe("RequestPacing", () => {
  it("starts writes a spacing apart, in order, and lets reads and GraphQL through without waiting", async () => {
    const { clock, now, sleep } = fakeClock();
    const pacing = new RequestPacing({ writeSpacingMs: 1000, now, sleep });
    const starts: Array<[string, number]> = [];
    const send = (name: string) => async () => {
      starts.push([name, clock.nowMs]);
      return name;
    };
    const results = await Promise.all([
      pacing.run("write", send("w1")),
      pacing.run("write", send("w2")),
      pacing.run("write", send("w3")),
    ]);
    expect(results).toEqual(["w1", "w2", "w3"]);
    expect(starts).toEqual([
      ["w1", 0],
      ["w2", 1000],
      ["w3", 2000],
    ]);
    const sleepsBefore = clock.sleeps.length;
    await pacing.run("read", send("r"));
    await pacing.run("graphql", send("q"));
    expect(clock.sleeps).toHaveLength(sleepsBefore);
    clock.nowMs += 5000;
    await pacing.run("write", send("w4"));
    expect(clock.sleeps).toHaveLength(sleepsBefore);
  });

  it("runs GraphQL queries one at a time, and a failed query does not hold up the next", async () => {
    const pacing = new RequestPacing({ writeSpacingMs: 0 });
    let inFlight = 0;
    let mostInFlight = 0;
    const query = (fails: boolean) => async () => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      if (fails) throw new Error("GitHub timed out");
      return "data";
    };
    const outcomes = await Promise.allSettled([
      pacing.run("graphql", query(false)),
      pacing.run("graphql", query(true)),
      pacing.run("graphql", query(false)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(mostInFlight).toBe(1);
  });
});

describe("GitHubClient pacing", () => {
  /** A fetch that counts requests in flight and answers each after a turn of the event loop. */
  function countingFetch(until?: { inFlight: number }) {
    const counts = { inFlight: 0, most: 0 };
    const waiting: Array<() => void> = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      counts.inFlight += 1;
      counts.most = Math.max(counts.most, counts.inFlight);
      if (until && counts.inFlight >= until.inFlight) for (const release of waiting.splice(0)) release();
      await new Promise<void>((resolve) => {
        if (until && counts.inFlight < until.inFlight) waiting.push(resolve);
        else setImmediate(resolve);
      });
      counts.inFlight -= 1;
      const body = String(input).endsWith("/graphql") ? { data: { viewer: { login: "me" } } } : [];
      return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
    };
    return { counts, fetch };
  }

  const clientWith = (fetch: typeof globalThis.fetch, token: string) =>
    GitHubClient.create({
      baseUrl: "https://api.github.com",
      credential: { type: "token", token },
      logger: silentLogger,
      fetch,
      // The production spacing of writes: GraphQL queries must not wait for it.
      policy: { ...fastPolicy, writeSpacingMs: 60_000 },
    });

  it("sends one credential's GraphQL queries one at a time, unspaced", async () => {
    const { counts, fetch } = countingFetch();
    const client = clientWith(fetch, "ghp_pacing_graphql");
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        graphqlQuery<{ viewer: { login: string } }>(
          client,
          "query { viewer { login } }",
          {},
          {
            purpose: "testing",
          },
        ),
      ),
    );
    expect(answers.map((answer) => answer.viewer.login)).toEqual(["me", "me", "me", "me"]);
    expect(counts.most).toBe(1);
  });

  it("sends REST reads concurrently (this fetch answers only once three are in flight)", async () => {
    const { counts, fetch } = countingFetch({ inFlight: 3 });
    const client = clientWith(fetch, "ghp_pacing_reads");
    await Promise.all(
      [1, 2, 3].map((n) => client.get(`GET /repos/acme/r${n}/tags`, {}, { purpose: "testing" })),
    );
    expect(counts.most).toBe(3);
  });
});
