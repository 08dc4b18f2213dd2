/**
 * GitHub misbehaving during a resync, each case made by the simulator's fault rules, rate limits or
 * credential controls: the resync recovers where it can (retries), records what it could not in the
 * resync history (the kind, a code, and the cause), and deletes nothing it did not see gone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { entityKeyString } from "../../src/engine/catalog/entity.js";
import { LocalCatalog } from "../../src/engine/catalog/local-catalog.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { bindMapping } from "../../src/engine/mapping/bind-mapping.js";
import { parsePortAppConfig } from "../../src/engine/mapping/parse-port-app-config.js";
import type { Database } from "../../src/engine/store/database.js";
import { openDatabase } from "../../src/engine/store/open-database.js";
import { ResyncHistory } from "../../src/engine/sync/resync-history.js";
import type { ResyncSummary } from "../../src/engine/sync/resync-summary.js";
import { runResync } from "../../src/engine/sync/run-resync.js";
import { defaultRateLimitPolicy, type RateLimitPolicy } from "../../src/github/client/rate-limit-policy.js";
import {
  createGitHubIntegration,
  type GitHubIntegration,
} from "../../src/github/create-github-integration.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { controlAnswer } from "../support/simulator-control.js";

const DATA_SOURCE = "misbehaving";
const REPOSITORIES = "/orgs/*/repos";

/** Waits of milliseconds instead of seconds, a short request timeout, and no hour-long primary wait. */
const policy: RateLimitPolicy = {
  ...defaultRateLimitPolicy,
  primary: { maxRetries: 1, maxWaitSeconds: 5 },
  retryAfterBaseMs: 1,
  requestTimeoutMs: 500,
};

describe("a resync while GitHub misbehaves", () => {
  let sim: RunningSimulator;
  let database: Database;
  let catalog: LocalCatalog;
  let history: ResyncHistory;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 10, rateLimits: { secondaryRetryAfterSeconds: 1 } });
    database = await openDatabase({ dataDirectory: undefined });
    catalog = new LocalCatalog(database);
    history = new ResyncHistory(database);
  });
  afterAll(async () => {
    await database?.close();
    await sim?.close();
  });

  /** A classic PAT of its own per test, so revoking it leaves the other tests theirs. */
  async function newToken(): Promise<string> {
    const owner = sim.state.findAccount(sim.organization);
    const admin = [...(owner?.members.entries() ?? [])].find(([, role]) => role === "admin")?.[0];
    const login = admin === undefined ? undefined : sim.state.getAccount(admin).login;
    const issued = await controlAnswer<{ token: string }>(sim, "POST", "/tokens", {
      login,
      scopes: ["repo", "read:org", "admin:org_hook", "read:user"],
    });
    expect(issued.status).toBe(201);
    return issued.body.token;
  }

  async function integrationWith(config: Record<string, unknown>): Promise<GitHubIntegration> {
    return createGitHubIntegration(
      { githubHost: `${sim.url}/`, githubOrganization: sim.organization, ...config },
      { rateLimitPolicy: policy },
    );
  }

  function resync(integration: GitHubIntegration, onProgress?: (summary: ResyncSummary) => void) {
    const mapping = bindMapping(
      parsePortAppConfig(demoMapping(defaultMapping, ["organization", "repository"])),
      integration,
    );
    return runResync({
      mapping,
      catalog,
      history,
      dataSource: DATA_SOURCE,
      trigger: "test",
      logger: silentLogger(),
      ...(onProgress ? { onProgress } : {}),
    });
  }

  /** Runs `action` once, as soon as the organization kind is done and before repositories are listed. */
  function afterOrganization(action: () => void): (summary: ResyncSummary) => void {
    let done = false;
    return (summary) => {
      if (!done && (summary.kinds.organization?.seen ?? 0) > 0) {
        done = true;
        action();
      }
    };
  }

  async function catalogKeys(): Promise<Set<string>> {
    const keys = new Set<string>();
    for (const blueprint of await catalog.listBlueprints()) {
      const { entities } = await catalog.listEntities(blueprint.identifier, { limit: 10_000, offset: 0 });
      for (const entity of entities) keys.add(entityKeyString(entity));
    }
    return keys;
  }

  /** A clean resync first, so the catalog holds every repository before GitHub misbehaves. */
  async function baseline(integration: GitHubIntegration): Promise<Set<string>> {
    sim.faults.clear();
    sim.rateLimits.configure({ core: 5000 });
    sim.rateLimits.resetUsage();
    await catalog.ensureBlueprints(integration.defaultBlueprints());
    const clean = await resync(integration);
    expect(clean.status).toBe("completed");
    expect(clean.kinds.repository?.seen).toBeGreaterThan(0);
    return catalogKeys();
  }

  /** What a failed resync must show: its error in the history, with kind and cause, and no deletion. */
  async function expectReportedWithoutDeleting(
    summary: ResyncSummary,
    before: Set<string>,
    code: string | RegExp,
  ): Promise<void> {
    expect(summary.status).toBe("failed");
    expect(summary.deletion.performed).toBe(false);
    expect(summary.deletions).toEqual([]);
    const [recorded] = await history.list(DATA_SOURCE, 1);
    expect(recorded?.id).toBe(summary.id);
    expect(recorded?.errors).toEqual([
      expect.objectContaining({
        kind: "repository",
        code: expect.stringMatching(code),
        cause: expect.any(String),
      }),
    ]);
    const after = await catalogKeys();
    expect([...before].filter((key) => !after.has(key))).toEqual([]);
  }

  it("retries through a burst of server errors and completes", async () => {
    const integration = await integrationWith({ githubToken: await newToken() });
    const before = await baseline(integration);
    sim.faults.add({ pathPattern: REPOSITORIES, fault: "5xx", status: 502, count: 2 });
    sim.faults.add({ pathPattern: REPOSITORIES, fault: "5xx", status: 503, count: 1 });
    const summary = await resync(integration);
    expect(summary.status).toBe("completed");
    expect(sim.faults.list().map((rule) => rule.fired)).toEqual([2, 1]);
    expect(await catalogKeys()).toEqual(before);
  });

  it("reports a kind GitHub keeps failing, and deletes nothing", async () => {
    const integration = await integrationWith({ githubToken: await newToken() });
    const before = await baseline(integration);
    sim.faults.add({ pathPattern: REPOSITORIES, fault: "5xx", status: 502 });
    const summary = await resync(integration);
    // One attempt and the policy's retries, at each page size the client tries (100, 50, 25).
    expect(sim.faults.list()[0]?.fired).toBe((1 + policy.serverErrors.maxRetries) * 3);
    await expectReportedWithoutDeleting(summary, before, /^GITHUB_/);
  });

  it("gives up on a request GitHub never answers, retries it, and completes", async () => {
    const integration = await integrationWith({ githubToken: await newToken() });
    const before = await baseline(integration);
    sim.faults.add({ pathPattern: REPOSITORIES, fault: "timeout", count: 2 });
    const summary = await resync(integration);
    expect(summary.status).toBe("completed");
    expect(sim.faults.list()[0]?.fired).toBe(2);
    expect(await catalogKeys()).toEqual(before);
  });

  it("waits out secondary rate limits and completes", async () => {
    const integration = await integrationWith({ githubToken: await newToken() });
    const before = await baseline(integration);
    sim.faults.add({ pathPattern: REPOSITORIES, fault: "secondary-rate-limit", status: 429, count: 1 });
    sim.faults.add({ pathPattern: REPOSITORIES, fault: "secondary-rate-limit", status: 403, count: 1 });
    const summary = await resync(integration);
    expect(summary.status).toBe("completed");
    expect(sim.faults.list().map((rule) => rule.fired)).toEqual([1, 1]);
    expect(await catalogKeys()).toEqual(before);
  });

  it("reports an exhausted primary limit whose reset is beyond the policy's wait, and deletes nothing", async () => {
    const integration = await integrationWith({ githubToken: await newToken() });
    const before = await baseline(integration);
    const summary = await resync(
      integration,
      afterOrganization(() => sim.rateLimits.configure({ core: 1 })),
    );
    await expectReportedWithoutDeleting(summary, before, "GITHUB_RATE_LIMITED");
    expect(summary.errors[0]?.message).toMatch(/rate limit/);
  });

  it("reports a token revoked mid-resync, and deletes nothing", async () => {
    const token = await newToken();
    const integration = await integrationWith({ githubToken: token });
    const before = await baseline(integration);
    const summary = await resync(
      integration,
      afterOrganization(() => {
        const record = sim.state.findToken(token);
        if (record) record.revoked = true;
      }),
    );
    await expectReportedWithoutDeleting(summary, before, "GITHUB_BAD_CREDENTIALS");
  });

  it("reports a GitHub App installation suspended mid-resync, and deletes nothing", async () => {
    const { appId, appPrivateKey, installationId } = sim.credentials;
    const integration = await integrationWith({
      githubAppId: String(appId),
      githubAppPrivateKey: appPrivateKey,
    });
    const before = await baseline(integration);
    const installation = sim.state.apps.getInstallation(installationId);
    try {
      const summary = await resync(
        integration,
        afterOrganization(() => {
          if (installation) installation.suspendedAt = sim.state.clock.now();
        }),
      );
      await expectReportedWithoutDeleting(summary, before, /^GITHUB_/);
      expect(summary.errors[0]?.message).toMatch(/suspended/);
    } finally {
      if (installation) installation.suspendedAt = null;
    }
  });
});
