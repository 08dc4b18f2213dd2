/**
 * GitHub failing part of a resync, against the simulator, through a real resync into a real catalog:
 * a 403 for a permission the token lacks fails that kind only (never an empty list) and keeps its
 * stale entities; a repository that keeps failing does not stop the others and keeps the kind's stale
 * entities; a dropped connection or an answer cut mid-body is retried, never read as an empty page; a
 * 5xx is retried after a back-off; a secondary rate limit (429 or 403) is retried only
 * once its `retry-after` has passed. Each time the other kinds are synced as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  defaultRateLimitPolicy,
  type RateLimitPolicy,
} from "../../../src/github/client/rate-limit-policy.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../../src/github/create-github-integration.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { type CatalogResync, openCatalogResync } from "../../support/catalog-resync.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { issueFineGrainedToken } from "../../support/simulator-credentials.js";

const KINDS = ["organization", "repository", "pull-request", "issue"];
/** Retries without waiting seconds, for the cases that retry until they give up. */
const fastPolicy: RateLimitPolicy = { ...defaultRateLimitPolicy, retryAfterBaseMs: 1 };

let simulator: RunningSimulator;
let harness: CatalogResync;
/** The seeded organization's repositories in GitHub's listing order. */
let listed: string[];

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${simulator.url}${path}`, {
    headers: { authorization: `Bearer ${simulator.adminToken}` },
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const control = <T>(method: string, path: string, body: unknown) =>
  controlSimulator<T>(simulator, method, path, body);

function integrationWith(
  config: Record<string, unknown>,
  options: { policy?: RateLimitPolicy; fetch?: typeof fetch } = {},
): Promise<GitHubIntegration> {
  return createGitHubIntegration(
    { githubHost: simulator.url, githubOrganization: simulator.organization, ...config },
    { rateLimitPolicy: options.policy ?? fastPolicy, ...(options.fetch ? { fetch: options.fetch } : {}) },
  );
}

/** A clean resync with the owner's classic token: the catalog then holds everything. */
async function baseline(): Promise<void> {
  simulator.faults.clear();
  const summary = await harness.resync(await integrationWith({ githubToken: simulator.adminToken }), KINDS);
  expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
}

/** The first repository (in listing order) with an open item at `path` (`pulls` or `issues`). */
async function firstWithOpen(path: "pulls" | "issues", except: readonly string[] = []) {
  for (const name of listed.filter((repository) => !except.includes(repository))) {
    const [item] = await api<Array<{ number: number; id: number; pull_request?: unknown }>>(
      `/repos/${simulator.organization}/${name}/${path}?state=open`,
    );
    if (item && (path === "pulls" || item.pull_request === undefined)) return { repository: name, ...item };
  }
  throw new Error(`no repository with open ${path}`);
}

beforeAll(async () => {
  simulator = await startSimulator({ seed: 44, rateLimits: { secondaryRetryAfterSeconds: 1 } });
  harness = await openCatalogResync("kind-faults");
  listed = (await api<Array<{ name: string }>>(`/orgs/${simulator.organization}/repos?per_page=100`)).map(
    (repository) => repository.name,
  );
});
afterAll(async () => {
  await harness?.close();
  await simulator?.close();
});

/** One request to a watched path: when it went out, when it was answered, and how. */
interface Attempt {
  path: string;
  sentAt: number;
  answeredAt: number;
  status: number;
}

/** A `fetch` that notes when each request to a path matching `pattern` went out and how it was answered. */
function timingFetch(pattern: RegExp, attempts: Attempt[]): typeof fetch {
  return async (input, init) => {
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    const sentAt = Date.now();
    const response = await fetch(input, init);
    if (pattern.test(path)) attempts.push({ path, sentAt, answeredAt: Date.now(), status: response.status });
    return response;
  };
}

/** The wait between each refused attempt and the next attempt at the same path, in milliseconds. */
function waitsAfter(refused: number, attempts: readonly Attempt[]): number[] {
  return attempts.flatMap((attempt, index) => {
    if (attempt.status !== refused) return [];
    const retry = attempts.slice(index + 1).find((later) => later.path === attempt.path);
    return retry ? [retry.sentAt - attempt.answeredAt] : [];
  });
}

describe("a resync while GitHub fails one kind or one repository", { timeout: 240_000 }, () => {
  it("a 403 for a missing permission fails that kind only, and keeps its stale entities", async () => {
    await baseline();
    const before = await harness.identifiers("githubPullRequest");
    // A pull request closed since: the default mapping syncs open ones, so its entity is now stale.
    const closed = await firstWithOpen("pulls");
    await control("PATCH", `/repos/${simulator.organization}/${closed.repository}/pulls/${closed.number}`, {
      state: "closed",
    });
    const stale = `${closed.repository}${closed.id}`;
    expect(before).toContain(stale);

    const withoutPullRequests = await issueFineGrainedToken(simulator, {
      metadata: "read",
      contents: "read",
      issues: "read",
    });
    const summary = await harness.resync(await integrationWith({ githubToken: withoutPullRequests }), KINDS);
    expect(summary.status).toBe("failed");
    expect(new Set(summary.errors.map((error) => `${error.kind} ${error.code}`))).toEqual(
      new Set(["pull-request GITHUB_MISSING_PERMISSION"]),
    );
    expect(summary.errors[0]?.message).toContain("pull_requests=read");
    expect(summary.kinds["pull-request"]?.seen).toBe(0);
    for (const kind of ["organization", "repository", "issue"]) {
      expect(summary.kinds[kind]?.seen, kind).toBeGreaterThan(0);
    }
    expect(summary.deletion.performed).toBe(false);
    expect(await harness.identifiers("githubPullRequest")).toEqual(before);

    // With the permission the pull request is seen closed, and its entity goes.
    await baseline();
    expect(await harness.identifiers("githubPullRequest")).not.toContain(stale);
  });

  it("a repository that keeps failing does not stop the others, and the kind keeps its stale entities", async () => {
    await baseline();
    const failing = listed[0] as string;
    const last = listed.at(-1) as string;
    // A new issue in the last repository listed: synced only if the kind went on past the failing one.
    const opened = await control<{ issue: { number: number } }>(
      "POST",
      `/repos/${simulator.organization}/${last}/issues`,
      { title: "listed after a failing repository" },
    );
    const closed = await firstWithOpen("issues", [failing, last]);
    await control("PATCH", `/repos/${simulator.organization}/${closed.repository}/issues/${closed.number}`, {
      state: "closed",
    });
    const before = await harness.identifiers("githubIssue");
    expect(before).toContain(`${closed.repository}${closed.number}`);
    simulator.faults.add({ pathPattern: `/repos/*/${failing}/issues`, fault: "5xx", status: 502 });

    const summary = await harness.resync(await integrationWith({ githubToken: simulator.adminToken }), KINDS);
    expect(summary.status).toBe("failed");
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ kind: "issue", code: "GITHUB_REQUEST_FAILED" });
    expect(summary.errors[0]?.message).toContain(failing);
    expect(summary.deletion.performed).toBe(false);
    const after = await harness.identifiers("githubIssue");
    expect(after).toContain(`${last}${opened.issue.number}`);
    // The closed issue and the failing repository's issues are all still there.
    for (const identifier of before) expect(after).toContain(identifier);
  });

  it("retries a listing whose connection drops or whose answer is cut mid-body, and deletes nothing", async () => {
    await baseline();
    const before = await harness.identifiers("githubIssue");
    // Each repository's first issue listing: one dropped, the others cut after half their body.
    simulator.faults.add({ pathPattern: `/repos/*/${listed[0]}/issues`, fault: "reset", count: 1 });
    for (const name of listed.slice(1)) {
      simulator.faults.add({ pathPattern: `/repos/*/${name}/issues`, fault: "truncated", count: 1 });
    }
    const summary = await harness.resync(await integrationWith({ githubToken: simulator.adminToken }), KINDS);
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(simulator.faults.list().map((rule) => rule.fired)).toEqual(listed.map(() => 1));
    expect(summary.deletion.candidates).toBe(0);
    expect(await harness.identifiers("githubIssue")).toEqual(before);
  });

  it("retries a server error after a back-off, and completes", async () => {
    simulator.faults.clear();
    const attempts: Attempt[] = [];
    const integration = await integrationWith(
      { githubToken: simulator.adminToken },
      { policy: defaultRateLimitPolicy, fetch: timingFetch(/\/pulls$/, attempts) },
    );
    simulator.faults.add({ pathPattern: "/repos/*/*/pulls", fault: "5xx", status: 503, count: 1 });
    const summary = await harness.resync(integration, KINDS);
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(simulator.faults.list()[0]?.fired).toBe(1);
    // Octokit's retry waits (retries + 1)² × 1 s: the retry never went out before a second had passed.
    const waits = waitsAfter(503, attempts);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(990);
  });

  it("waits out a secondary rate limit's retry-after (429 and 403) before retrying, and completes", async () => {
    simulator.faults.clear();
    const attempts: Attempt[] = [];
    const integration = await integrationWith(
      { githubToken: simulator.adminToken },
      { policy: defaultRateLimitPolicy, fetch: timingFetch(/\/issues$/, attempts) },
    );
    simulator.faults.add({
      pathPattern: "/repos/*/*/issues",
      fault: "secondary-rate-limit",
      status: 429,
      count: 1,
    });
    simulator.faults.add({
      pathPattern: "/repos/*/*/issues",
      fault: "secondary-rate-limit",
      status: 403,
      count: 1,
    });
    const summary = await harness.resync(integration, KINDS);
    expect(summary.status, JSON.stringify(summary.errors)).toBe("completed");
    expect(simulator.faults.list().map((rule) => rule.fired)).toEqual([1, 1]);
    // The simulator's retry-after is 1 second: no retry went out sooner.
    const waits = [...waitsAfter(429, attempts), ...waitsAfter(403, attempts)];
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(990);
  });
});
