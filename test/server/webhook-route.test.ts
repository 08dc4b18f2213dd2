import { once } from "node:events";
import { connect } from "node:net";
import { sign } from "@octokit/webhooks-methods";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_WEBHOOK_BYTES } from "../../src/server/webhook-route.js";
import { pgliteDatabases, useTestDatabase } from "../support/databases.js";
import { thing } from "../support/fake-integration.js";
import { startTestServer, type TestServer } from "../support/start-test-server.js";
import { eventually } from "../support/wait-for.js";

const SECRET = "it's a secret to everybody";

describe("POST /integration/webhook", () => {
  const database = useTestDatabase(pgliteDatabases);
  let running: TestServer;
  let url: string;

  beforeEach(async () => {
    running = await startTestServer({ webhookSecret: SECRET, database: database() });
    url = `${running.url}/integration/webhook`;
  });
  afterEach(async () => {
    await running.close();
  });

  async function deliver(body: string, headers: Record<string, string> = {}, to = url) {
    const response = await fetch(to, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "thing",
        "x-github-delivery": "delivery-1",
        "x-hub-signature-256": await sign(SECRET, body),
        ...headers,
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /**
   * A delivery whose body stops short of its Content-Length, the connection then closed: a sender
   * that gave up mid-upload, or (with a Content-Length over the limit) one refused before its body.
   */
  async function deliverCutShort(contentLength: number) {
    const socket = connect(Number(new URL(url).port), "127.0.0.1");
    await once(socket, "connect");
    socket.resume();
    socket.end(
      [
        "POST /integration/webhook HTTP/1.1",
        "host: 127.0.0.1",
        "content-type: application/json",
        `content-length: ${contentLength}`,
        "x-github-event: thing",
        "x-github-delivery: cut-short",
        "",
        '{"action"',
      ].join("\r\n"),
    );
    await once(socket, "close");
  }

  /** `portolan_webhook_deliveries_refused_total`'s series, by their labels. */
  async function refusedCounts() {
    const text = await (await fetch(`${running.url}/metrics`)).text();
    return Object.fromEntries(
      [...text.matchAll(/^portolan_webhook_deliveries_refused_total\{(.*)\} (\d+)$/gm)].map(
        ([, labels, value]) => [labels, Number(value)],
      ),
    );
  }

  it("accepts a signed delivery with 202, stores it and applies it", async () => {
    const response = await deliver(JSON.stringify({ action: "upsert", thing: thing("x") }));
    expect(response).toEqual({ status: 202, body: { status: "queued", deliveryId: "delivery-1" } });
    await running.dataSource.whenEventsIdle();
    const { entities } = await running.catalog.listEntities("thing", { limit: 10, offset: 0 });
    expect(entities.map((entity) => entity.identifier)).toEqual(["x"]);
  });

  it("does not apply a redelivery twice", async () => {
    const body = JSON.stringify({ action: "upsert", thing: thing("x") });
    await deliver(body);
    expect((await deliver(body)).body.status).toBe("duplicate");
    await running.dataSource.whenEventsIdle();
    expect(await running.dataSource.inbox.counts()).toEqual({ done: 1 });
  });

  it("refuses a bad or missing signature with 401 and stores nothing", async () => {
    const body = JSON.stringify({ action: "upsert", thing: thing("x") });
    const bad = await deliver(body, { "x-hub-signature-256": await sign("wrong secret", body) });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: { code: "WEBHOOK_BAD_SIGNATURE" } });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "thing", "x-github-delivery": "d" },
      body,
    });
    expect(response.status).toBe(401);
    expect(await running.dataSource.inbox.counts()).toEqual({});
  });

  it("refuses a signed body that is not a JSON object with 400 and says why", async () => {
    const truncated = await deliver('{"action": "upsert", "thing": {');
    expect(truncated.status).toBe(400);
    expect(truncated.body).toMatchObject({ error: { code: "WEBHOOK_NOT_JSON" } });
    const array = await deliver("[1,2]");
    expect(array.body).toMatchObject({ error: { code: "WEBHOOK_NOT_AN_OBJECT" } });
    const missing = await deliver("{}", { "x-github-event": "" });
    expect(missing.status).toBe(400);
  });

  it("refuses a body over 25 MB with 413", async () => {
    const body = JSON.stringify({ padding: "x".repeat(25 * 1024 * 1024) });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "thing", "x-github-delivery": "big" },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "REQUEST_BODY_TOO_LARGE" } });
    expect(await running.dataSource.inbox.counts()).toEqual({});
  });

  it("shows every refusal reason of a running data source at 0 before any refusal", async () => {
    expect(await refusedCounts()).toEqual({
      'data_source="fake",reason="signature_missing"': 0,
      'data_source="fake",reason="signature_mismatch"': 0,
      'data_source="fake",reason="headers_missing"': 0,
      'data_source="fake",reason="not_json"': 0,
      'data_source="fake",reason="not_an_object"': 0,
      'data_source="fake",reason="too_large"': 0,
      'data_source="fake",reason="unreadable_body"': 0,
    });
  });

  it("counts each refused delivery in /metrics by data source and reason, and none it answered 202", async () => {
    const body = JSON.stringify({ action: "upsert", thing: thing("x") });
    expect((await deliver(body)).body.status).toBe("queued");
    expect((await deliver(body)).body.status).toBe("duplicate");
    expect((await deliver("{}", { "x-github-event": "ping" })).body.status).toBe("ignored");
    const drifted = { "x-hub-signature-256": await sign("the secret before it drifted", body) };
    expect((await deliver(body, drifted)).status).toBe(401);
    expect((await deliver(body, drifted)).status).toBe(401);
    expect((await deliver(body, { "x-hub-signature-256": "" })).status).toBe(401);
    expect((await deliver(body, { "x-github-delivery": "" })).status).toBe(400);
    expect((await deliver('{"action": ')).status).toBe(400);
    expect((await deliver("[1,2]")).status).toBe(400);
    expect((await deliver(body, {}, `${url}/deleted-data-source`)).status).toBe(404);
    await deliverCutShort(MAX_WEBHOOK_BYTES + 1);
    await deliverCutShort(100);
    // The server may read the closed connections' requests after the client sees them closed.
    await eventually(async () => {
      expect(await refusedCounts()).toEqual({
        'data_source="fake",reason="signature_mismatch"': 2,
        'data_source="fake",reason="signature_missing"': 1,
        'data_source="fake",reason="headers_missing"': 1,
        'data_source="fake",reason="not_json"': 1,
        'data_source="fake",reason="not_an_object"': 1,
        'data_source="",reason="unknown_data_source"': 1,
        'data_source="fake",reason="too_large"': 1,
        'data_source="fake",reason="unreadable_body"': 1,
      });
    });
    await running.dataSource.whenEventsIdle();
    expect(await running.dataSource.inbox.counts()).toEqual({ done: 1 });
  });
});
