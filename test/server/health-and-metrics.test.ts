import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgliteDatabases, useTestDatabase } from "../support/databases.js";
import { thing } from "../support/fake-integration.js";
import { startTestServer, type TestServer } from "../support/start-test-server.js";

describe("/healthz and /metrics", () => {
  const database = useTestDatabase(pgliteDatabases);
  let running: TestServer;
  let sourceFailure: Error | undefined;
  let sourceChecks = 0;

  beforeEach(async () => {
    sourceFailure = undefined;
    sourceChecks = 0;
    running = await startTestServer({
      checkSource: async () => {
        sourceChecks++;
        if (sourceFailure) throw sourceFailure;
      },
      sourceCheckTtlMs: 0,
      database: database(),
    });
  });
  afterEach(async () => {
    await running.close();
  });

  it("is ready only while the store answers and the source's credentials work", async () => {
    const ok = await fetch(`${running.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok", checks: { store: "ok", source: "ok" } });
    sourceFailure = new Error("GITHUB_BAD_CREDENTIALS: the token was revoked");
    const failing = await fetch(`${running.url}/healthz`);
    expect(failing.status).toBe(503);
    expect(await failing.json()).toEqual({
      status: "unavailable",
      checks: { store: "ok", source: "failing: GITHUB_BAD_CREDENTIALS: the token was revoked" },
    });
    expect(sourceChecks).toBe(2);
  });

  it("exposes resyncs, last resync counts per kind and the webhook queue in Prometheus' format", async () => {
    running.integration.things = [thing("a"), thing("b")];
    const outcome = await running.dataSource.requestResync("test");
    if (outcome.started) await outcome.summary;
    // Workers stopped: the delivery stays queued, so the queue and its age show.
    await running.dataSource.stop();
    await running.dataSource.receive({
      deliveryId: "d1",
      name: "thing",
      payload: { action: "upsert", thing: thing("c") },
    });
    // Metrics need no sign-in, as Prometheus scrapers expect.
    const response = await fetch(`${running.url}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('portolan_resyncs{data_source="fake",status="completed"} 1');
    expect(text).toContain(
      'portolan_last_resync_entities{data_source="fake",kind="thing",count="upserted"} 2',
    );
    expect(text).toContain('portolan_webhook_events{data_source="fake",event="thing",status="queued"} 1');
    expect(text).toMatch(/portolan_webhook_queue_age_seconds\{data_source="fake"\} \d/);
    expect(text).toMatch(/portolan_last_resync_duration_seconds\{data_source="fake",status="completed"\} \d/);
  });
});
