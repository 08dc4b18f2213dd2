import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgliteDatabases, useTestDatabase } from "../../support/databases.js";
import { startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from "../../support/start-test-server.js";

describe("sign-in and API tokens", () => {
  const database = useTestDatabase(pgliteDatabases);
  let running: TestServer;

  beforeEach(async () => {
    running = await startTestServer({ database: database() });
  });
  afterEach(async () => {
    await running.close();
  });

  function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    return fetch(`${running.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  }

  it("refuses every API request without a session or token, and says how to get one", async () => {
    for (const path of ["/api/v1/blueprints", "/api/v1/resyncs", "/api/v1/events", "/api/v1/session"]) {
      const response = await fetch(`${running.url}${path}`);
      expect(response.status, path).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "AUTH_REQUIRED" } });
    }
    const forged = await fetch(`${running.url}/api/v1/blueprints`, {
      headers: { authorization: "Bearer forged" },
    });
    expect(forged.status).toBe(401);
  });

  it("signs in with the admin password into an HttpOnly session cookie, and signs out", async () => {
    const wrong = await post("/api/v1/session", { username: "admin", password: "guess" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "AUTH_BAD_CREDENTIALS" } });
    const signedIn = await post("/api/v1/session", { username: "admin", password: TEST_ADMIN_PASSWORD });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/portolan_session=[^;]+;.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = cookie.split(";")[0] ?? "";
    const blueprints = await fetch(`${running.url}/api/v1/blueprints`, { headers: { cookie: session } });
    expect(blueprints.status).toBe(200);
    const signOut = await fetch(`${running.url}/api/v1/session`, {
      method: "DELETE",
      headers: { cookie: session },
    });
    expect(signOut.status).toBe(204);
    expect((await fetch(`${running.url}/api/v1/blueprints`, { headers: { cookie: session } })).status).toBe(
      401,
    );
  });

  it("gives an API client a bearer token from its id and secret, as Port's API does", async () => {
    const created = await post(
      "/api/v1/clients",
      { name: "ci" },
      { authorization: `Bearer ${running.token}` },
    );
    expect(created.status).toBe(201);
    const { clientId, clientSecret } = (await created.json()) as { clientId: string; clientSecret: string };
    const refused = await post("/v1/auth/access_token", { clientId, clientSecret: "wrong" });
    expect(refused.status).toBe(401);
    const granted = await post("/v1/auth/access_token", { clientId, clientSecret });
    const body = (await granted.json()) as { accessToken: string; expiresIn: number; tokenType: string };
    expect(body).toMatchObject({ expiresIn: 3600, tokenType: "Bearer" });
    const whoami = await fetch(`${running.url}/api/v1/session`, {
      headers: { authorization: `Bearer ${body.accessToken}` },
    });
    expect(await whoami.json()).toMatchObject({ subject: `client:${clientId}` });
  });

  it("refuses an expired token", async () => {
    const { token } = await running.auth.issueToken("account:admin", "session", 0);
    const response = await fetch(`${running.url}/api/v1/blueprints`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(401);
  });

  it("leaves the webhook endpoint and health to their own checks", async () => {
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const webhook = await fetch(`${running.url}/integration/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "p" },
      body: "{}",
    });
    expect(webhook.status).toBe(202);
  });
});
