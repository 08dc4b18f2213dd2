import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { call } from "../support/simulator-http.js";

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ type?: string; message: string }>;
  message?: string;
}

/** 1 + 100 + 100 × 50 requests for connections: 51 points; 305,100 possible nodes. */
const COSTLY = `query { viewer { repositories(first: 100) { nodes { issues(first: 50) {
  nodes { labels(first: 60) { nodes { name } } } } } } } }`;
/** 100 + 100 × 100 + 100 × 100 × 100 possible nodes: over GitHub's 500,000. */
const HUGE = `query { viewer { repositories(first: 100) { nodes { issues(first: 100) {
  nodes { labels(first: 100) { nodes { name } } } } } } } }`;

function graphql(sim: RunningSimulator, query: string, base = sim.url) {
  return call<GraphQLAnswer>(sim, "/graphql", { method: "POST", body: { query }, base });
}

describe("GraphQL point cost and limits", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 22, rateLimits: { graphql: 60 } });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.rateLimits.resetUsage();
    sim.rateLimits.configure({ graphqlTimeoutCost: null });
  });

  it("reports the query's cost and budget in rateLimit and the graphql headers", async () => {
    const answer = await graphql(
      sim,
      "query { rateLimit { cost limit remaining used resetAt nodeCount } viewer { login } }",
    );
    expect(answer.status).toBe(200);
    const rateLimit = answer.body.data?.rateLimit as Record<string, unknown>;
    expect(rateLimit).toMatchObject({ cost: 1, limit: 60, remaining: 59, used: 1, nodeCount: 0 });
    expect(Date.parse(String(rateLimit.resetAt))).toBeGreaterThan(Date.now());
    expect(answer.headers.get("x-ratelimit-resource")).toBe("graphql");
    expect(answer.headers.get("x-ratelimit-used")).toBe("1");
    expect(answer.headers.get("x-ratelimit-remaining")).toBe("59");
  });

  it("charges a query its point cost, then refuses what the budget cannot pay with RATE_LIMITED", async () => {
    const costly = await graphql(sim, COSTLY);
    expect(costly.headers.get("x-ratelimit-used")).toBe("51");
    const refused = await graphql(sim, COSTLY, `${sim.url}/api`);
    expect(refused.status).toBe(200);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.type).toBe("RATE_LIMITED");
    expect(refused.body.errors?.[0]?.message).toMatch(/^API rate limit exceeded for user ID \d+\./);
    expect(refused.headers.get("x-ratelimit-used")).toBe("51");
    // REST's core budget is another bucket.
    expect((await call(sim, "/user")).headers.get("x-ratelimit-resource")).toBe("core");
    expect((await call(sim, "/user")).status).toBe(200);
  });

  it("refuses queries over 500,000 possible nodes with MAX_NODE_LIMIT_EXCEEDED, charging nothing", async () => {
    const answer = await graphql(sim, HUGE);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toEqual([
      {
        type: "MAX_NODE_LIMIT_EXCEEDED",
        message:
          "This query requests up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000.",
      },
    ]);
    expect(answer.headers.get("x-ratelimit-used")).toBe("0");
  });

  it("answers a query over the configured cost like GitHub's 10-second timeout, and charges it", async () => {
    await call(sim, "/_simulator/rate-limits", { method: "PATCH", body: { graphqlTimeoutCost: 50 } });
    const answer = await graphql(sim, COSTLY);
    expect(answer.status).toBe(502);
    expect(answer.body.message).toMatch(/^We couldn't respond to your request in time\./);
    expect(answer.headers.get("x-ratelimit-used")).toBe("51");
    const cheap = await graphql(sim, "query { viewer { login } }");
    expect(cheap.status).toBe(200);
    expect(cheap.body.data).toEqual({ viewer: { login: expect.any(String) } });
  });
});
