import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { type RunningPortolan, startPortolan } from "../../src/cli/start-portolan.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../src/engine/settings/settings-schema.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import { callJsonApi } from "../support/call-json-api.js";
import { type PortolanOnSimulator, startPortolanOnSimulator } from "../support/portolan-on-simulator.js";
import { simulatorGitHubSettings } from "../support/simulator-github-settings.js";
import { eventually } from "../support/wait-for.js";

const ADMIN_PASSWORD = "portal only admin password";
const WEBHOOK_SECRET = "portal-only-webhook-secret-0123456789";

/**
 * `serve` with no GitHub credentials in the settings: no data source from settings; the user signs in,
 * adds one through the API against the simulator, and its resync fills the catalog.
 */
describe("portal-only set-up", () => {
  let started: PortolanOnSimulator;
  let simulator: RunningSimulator;
  let portolan: RunningPortolan;
  let cookie = "";

  beforeAll(async () => {
    started = await startPortolanOnSimulator({ seed: 17, adminPassword: ADMIN_PASSWORD });
    ({ simulator, portolan } = started);
  });
  afterAll(() => started?.close());

  const api = (method: string, path: string, body?: unknown) =>
    callJsonApi(`${portolan.url}${path}`, { cookie }, method, body);

  function acme(overrides: Record<string, unknown> = {}) {
    return {
      name: "Acme",
      integration: "github",
      installationMethod: "self-hosted",
      integrationSettings: { ...simulatorGitHubSettings(simulator), webhookSecret: WEBHOOK_SECRET },
      applicationSettings: { resyncIntervalMinutes: 60, sendRawDataExamples: true },
      mapping: demoMapping(defaultMapping, ["organization", "repository"]),
      ...overrides,
    };
  }

  it("starts without a data source from settings and signs in", async () => {
    expect(portolan.dataSource).toBeUndefined();
    expect((await api("GET", "/api/v1/data-sources")).status).toBe(401);
    const response = await fetch(`${portolan.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
    });
    expect(response.status).toBe(200);
    cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect((await api("GET", "/api/v1/data-sources")).body).toEqual({ dataSources: [] });
  });

  it("answers the settings data source's routes with a 404 that says where to go", async () => {
    const webhook = await fetch(`${portolan.url}/integration/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "d1" },
      body: "{}",
    });
    expect(webhook.status).toBe(404);
    const problem = (await webhook.json()) as { error: { code: string; hint: string } };
    expect(problem.error.code).toBe("WEBHOOK_UNKNOWN_DATA_SOURCE");
    expect(problem.error.hint).toMatch(/webhook path/);
    const resyncs = await api("GET", "/api/v1/resyncs");
    expect(resyncs.status).toBe(404);
    expect(resyncs.body.error.code).toBe("API_NO_SETTINGS_DATA_SOURCE");
    expect((await api("GET", "/healthz")).body).toEqual({
      status: "ok",
      checks: { store: "ok", source: "ok" },
    });
  });

  it("adds a data source against the simulator, resyncs it and fills the catalog", async () => {
    // A hook left at its URL without a secret: the registration patches it rather than add another.
    const organization = simulator.state.findAccount(simulator.organization);
    const now = new Date().toISOString();
    simulator.state.addHook({
      id: simulator.state.allocateHookId(),
      orgId: organization?.id ?? -1,
      name: "web",
      events: ["repository"],
      active: true,
      config: {
        url: `${portolan.url}/integration/webhook/acme`,
        contentType: "json",
        insecureSsl: "0",
        secret: null,
      },
      createdAt: now,
      updatedAt: now,
    });
    const created = await api("POST", "/api/v1/data-sources", acme());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: "acme", readOnly: false, status: { state: "running" } });
    await eventually(async () => {
      const { body } = await api("GET", "/api/v1/data-sources/acme/resyncs");
      expect(body.running).toBeNull();
      expect(body.resyncs[0]?.status).toBe("completed");
    });
    const resync = await api("POST", "/api/v1/data-sources/acme/resyncs");
    expect(resync.status).toBe(202);
    await eventually(async () => {
      const { body } = await api("GET", "/api/v1/data-sources/acme/resyncs");
      expect(body.resyncs.map((entry: { trigger: string }) => entry.trigger)).toEqual(["api", "start"]);
      expect(body.resyncs[0]?.status).toBe("completed");
    });
    const repositories = simulator.state.repositoriesOwnedBy(organization?.id ?? -1);
    expect(repositories.length).toBeGreaterThan(0);
    const entities = await api("GET", "/api/v1/blueprints/githubRepository/entities?limit=1000");
    expect(entities.body.entities.map((entity: { identifier: string }) => entity.identifier).sort()).toEqual(
      repositories.map((repository) => repository.name).sort(),
    );
    await eventually(async () => {
      const { body } = await api("GET", "/api/v1/data-sources/acme");
      expect(body.webhookRegistration).toMatchObject({
        state: "finished",
        outcomes: [{ target: simulator.organization, status: "patched" }],
      });
    });
    expect(simulator.state.hooksOf(organization?.id ?? -1)).toHaveLength(1);
    const events = await api("GET", "/api/v1/data-sources/acme/events?limit=5");
    expect(events.body).toEqual({ counts: {}, recent: [] });
    expect((await api("GET", "/healthz")).status).toBe(200);
  });

  it("shows a failed webhook registration with its reason", async () => {
    const created = await api(
      "POST",
      "/api/v1/data-sources",
      acme({
        name: "Nowhere",
        integrationSettings: {
          githubHost: simulator.url,
          githubToken: simulator.adminToken,
          githubOrganization: "no-such-organization",
          webhookSecret: WEBHOOK_SECRET,
        },
      }),
    );
    expect(created.status).toBe(201);
    await eventually(async () => {
      const { body } = await api("GET", "/api/v1/data-sources/nowhere");
      expect(body.webhookRegistration).toMatchObject({
        state: "finished",
        outcomes: [{ target: "no-such-organization", status: "failed", reason: expect.stringMatching(/\S/) }],
      });
    });
    expect((await api("DELETE", "/api/v1/data-sources/nowhere?entities=keep")).status).toBe(200);
  });

  it("serialises concurrent saves of one data source", async () => {
    const [first, second] = await Promise.all([
      api("POST", "/api/v1/data-sources", acme({ name: "Twice", installationMethod: "scheduled" })),
      api("POST", "/api/v1/data-sources", acme({ name: "Twice", installationMethod: "scheduled" })),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 400]);
    const refused = first.status === 400 ? first : second;
    expect(refused.body.error.fields[0].message).toMatch(/exists already/);

    const updates = await Promise.all(
      [60, 120, 180].map((minutes) =>
        api(
          "PUT",
          "/api/v1/data-sources/twice",
          acme({
            name: "Twice",
            installationMethod: "scheduled",
            applicationSettings: { resyncIntervalMinutes: minutes, sendRawDataExamples: true },
          }),
        ),
      ),
    );
    // Each save answers with its own state: the lock lets none see another's half-done restart.
    expect(updates.map((update) => update.status)).toEqual([200, 200, 200]);
    for (const update of updates) expect(update.body.status).toEqual({ state: "running" });
    const intervals = updates.map((update) => update.body.resyncIntervalMinutes).sort((a, b) => a - b);
    expect(intervals).toEqual([60, 120, 180]);
    const removed = await api("DELETE", "/api/v1/data-sources/twice?entities=keep");
    expect(removed.status).toBe(200);
    expect(
      (await api("GET", "/api/v1/data-sources")).body.dataSources.map((d: { id: string }) => d.id),
    ).toEqual(["acme"]);
  });
});

/** Port's client secret stays in the environment; the secrets page lists it without a data source. */
describe("Port's client secret on the secrets page", () => {
  let portolan: RunningPortolan;

  beforeAll(async () => {
    portolan = await startPortolan({
      settings: settingsSchema.parse({
        port: 0,
        adminPassword: ADMIN_PASSWORD,
        // Nothing is written at start without a data source, so Port's API is never reached.
        portApi: {
          clientId: "port-client",
          clientSecret: "port-client-secret-value",
          baseUrl: "http://127.0.0.1:9",
        },
      }),
      logger: silentLogger(),
      inMemory: true,
    });
  });
  afterAll(async () => {
    await portolan?.close();
  });

  it("lists PORT_CLIENT_SECRET as kept in the environment, never its value", async () => {
    const { token } = await portolan.auth.issueToken("account:admin", "session", 600);
    const response = await fetch(`${portolan.url}/api/v1/secrets`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    expect(text).not.toContain("port-client-secret-value");
    expect(JSON.parse(text)).toEqual({
      secrets: [
        {
          dataSource: null,
          dataSourceName: "Port's API (the catalog target)",
          setting: "PORT_CLIENT_SECRET",
          storedIn: "environment",
          updatedAt: null,
        },
      ],
    });
  });
});
