import { Writable } from "node:stream";
import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import type { RunningPortolan } from "../../src/cli/start-portolan.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import { callJsonApi } from "../support/call-json-api.js";
import {
  type PortolanOnSimulator,
  scheduledDataSourceOn,
  startPortolanOnSimulator,
} from "../support/portolan-on-simulator.js";
import { controlSimulator } from "../support/simulator-control.js";
import { simulatorGitHubSettings } from "../support/simulator-github-settings.js";
import { eventually } from "../support/wait-for.js";

const WEBHOOK_SECRET = "a-webhook-secret-long-enough-0123456789";
const MAPPING = demoMapping(defaultMapping, ["organization", "repository"]);

/**
 * The data sources API on the real server with the simulator as GitHub: several GitHub data sources
 * beside the one from settings, their secrets write-only and encrypted, each with its own webhook path.
 */
describe("data sources API", () => {
  let started: PortolanOnSimulator;
  let simulator: RunningSimulator;
  let portolan: RunningPortolan;
  let token: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    started = await startPortolanOnSimulator({
      seed: 11,
      adminPassword: "data source admin password",
      settingsDataSource: {},
      // Stored self-hosted data sources check their webhook for missed deliveries this often.
      settings: { webhookRecoveryIntervalSeconds: 1 },
      logger: pino({ level: "debug" }, logStream),
      mapping: MAPPING,
    });
    ({ simulator, portolan, token } = started);
  });
  afterAll(() => started?.close());

  const api = (method: string, path: string, body?: unknown) =>
    callJsonApi(`${portolan.url}${path}`, { authorization: `Bearer ${token}` }, method, body);

  function githubSource(name: string, overrides: Record<string, unknown> = {}) {
    return scheduledDataSourceOn(simulator, name, { mapping: MAPPING, ...overrides });
  }

  it("describes the GitHub integration's settings with the descriptions of Ocean's spec", async () => {
    const { status, body } = await api("GET", "/api/v1/integrations");
    expect(status).toBe(200);
    expect(body.installationMethods).toEqual(["scheduled", "self-hosted"]);
    const github = body.integrations.find((integration: { type: string }) => integration.type === "github");
    const token = github.settings.find((setting: { name: string }) => setting.name === "githubToken");
    expect(token).toMatchObject({ sensitive: true, type: "string" });
    expect(token.description).toMatch(/personal access token/);
  });

  it("refuses an invalid data source with an error at every bad field, saving nothing", async () => {
    const { status, body } = await api("POST", "/api/v1/data-sources", {
      name: " ",
      integration: "github",
      installationMethod: "weekly",
      integrationSettings: {},
      applicationSettings: { resyncIntervalMinutes: 30 },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("DATA_SOURCE_INVALID");
    expect(body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      "applicationSettings.resyncIntervalMinutes",
      "installationMethod",
      "name",
    ]);
    const settings = await api("POST", "/api/v1/data-sources", {
      ...githubSource("bad settings"),
      integrationSettings: { githubHost: "not a url", githubOrganization: "https://github.com/acme" },
    });
    expect(settings.status).toBe(400);
    expect(settings.body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      "integrationSettings.githubHost",
      "integrationSettings.githubOrganization",
    ]);
    const noToken = await api("POST", "/api/v1/data-sources", {
      ...githubSource("no token"),
      integrationSettings: { githubHost: simulator.url },
    });
    expect(noToken.body.error.fields).toEqual([
      expect.objectContaining({ field: "integrationSettings.githubToken" }),
    ]);
    const appWithoutKey = await api("POST", "/api/v1/data-sources", {
      ...githubSource("app without key"),
      integrationSettings: { githubHost: simulator.url, githubAppId: "12345" },
    });
    expect(appWithoutKey.body.error.fields).toEqual([
      { field: "integrationSettings.githubAppPrivateKey", message: expect.stringMatching(/private key/) },
    ]);
    const mapping = await api("POST", "/api/v1/data-sources", {
      ...githubSource("bad mapping"),
      mapping: "resources:\n  - kind: nonsense\n",
    });
    expect(mapping.body.error.fields).toEqual([
      expect.objectContaining({ field: "mapping", message: expect.stringMatching(/^line 2: /) }),
    ]);
    const list = await api("GET", "/api/v1/data-sources");
    expect(list.body.dataSources.map((source: { id: string }) => source.id)).toEqual(["github-settings"]);
  });

  it("creates a data source that resyncs at once, its token write-only and encrypted at rest", async () => {
    const created = await api("POST", "/api/v1/data-sources", githubSource("Acme Scheduled"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: "acme-scheduled",
      readOnly: false,
      installationMethod: "scheduled",
      secrets: { githubToken: "set", githubAppPrivateKey: "not set", webhookSecret: "not set" },
      webhookPath: "/integration/webhook/acme-scheduled",
      status: { state: "running" },
    });
    expect(created.text).not.toContain(simulator.adminToken);
    await eventually(async () => {
      expect(await portolan.catalog.countEntities("acme-scheduled")).toBeGreaterThan(1);
    });
    const history = await api("GET", "/api/v1/data-sources/acme-scheduled/resyncs");
    expect(history.body.resyncs[0]).toMatchObject({ trigger: "start", status: "completed" });
    const rows = await portolan.database.query("SELECT * FROM data_sources, secrets");
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows.rows)).not.toContain(simulator.adminToken);
    const list = await api("GET", "/api/v1/data-sources");
    expect(list.text).not.toContain(simulator.adminToken);
    expect(list.body.dataSources.map((source: { id: string }) => source.id)).toEqual([
      "github-settings",
      "acme-scheduled",
    ]);
    expect(list.body.dataSources[0]).toMatchObject({ readOnly: true, secrets: { githubToken: "set" } });
  });

  it("keeps a stored data source's ETags and file reads, so its unchanged resync is answered by 304s", async () => {
    // Created by the test before: its first resync filled the store.
    simulator.requestLog.reset();
    const started = await api("POST", "/api/v1/data-sources/acme-scheduled/resyncs");
    expect(started.status).toBe(202);
    await eventually(async () => {
      const history = await api("GET", "/api/v1/data-sources/acme-scheduled/resyncs");
      expect(history.body.resyncs[0]).toMatchObject({ trigger: "api", status: "completed" });
    });
    const { byStatus, byEndpoint } = simulator.requestLog.summary();
    expect(byStatus["304"]).toBeGreaterThan(0);
    expect(byStatus["200"] ?? 0).toBe(0);
    // The repositories' README and CODEOWNERS reads are remembered with their push: none is asked again.
    expect(Object.keys(byEndpoint).filter((endpoint) => endpoint.includes("/contents/"))).toEqual([]);
  });

  it("updates a data source keeping an omitted secret, replacing one without the old value, restarting it", async () => {
    const kept = await api("PUT", "/api/v1/data-sources/acme-scheduled", {
      ...githubSource("Acme renamed"),
      integrationSettings: { githubHost: simulator.url, githubOrganization: simulator.organization },
      applicationSettings: { resyncIntervalMinutes: 1440, sendRawDataExamples: false },
    });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({
      id: "acme-scheduled",
      name: "Acme renamed",
      resyncIntervalMinutes: 1440,
      sendRawDataExamples: false,
      secrets: { githubToken: "set" },
      status: { state: "running" },
    });
    const before = await portolan.database.query<{ ciphertext: string }>(
      "SELECT ciphertext FROM secrets WHERE owner = 'acme-scheduled'",
    );
    const replaced = await api("PUT", "/api/v1/data-sources/acme-scheduled", githubSource("Acme renamed"));
    expect(replaced.status).toBe(200);
    const after = await portolan.database.query<{ ciphertext: string }>(
      "SELECT ciphertext FROM secrets WHERE owner = 'acme-scheduled'",
    );
    expect(after.rows[0]?.ciphertext).not.toBe(before.rows[0]?.ciphertext);
    const cleared = await api("PUT", "/api/v1/data-sources/acme-scheduled", {
      ...githubSource("Acme renamed"),
      integrationSettings: { githubHost: simulator.url, githubToken: null },
    });
    expect(cleared.body.error.fields).toEqual([
      expect.objectContaining({ field: "integrationSettings.githubToken" }),
    ]);
    const readOnly = await api("PUT", "/api/v1/data-sources/github-settings", githubSource("x"));
    expect(readOnly).toMatchObject({ status: 409, body: { error: { code: "DATA_SOURCE_READ_ONLY" } } });
    const missing = await api("PUT", "/api/v1/data-sources/nope", githubSource("x"));
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "DATA_SOURCE_NOT_FOUND" } } });
  });

  it("registers a self-hosted data source's webhook at its own path and applies its signed deliveries", async () => {
    const unsigned = await api(
      "POST",
      "/api/v1/data-sources",
      githubSource("Acme Live", { installationMethod: "self-hosted" }),
    );
    expect(unsigned.body.error.fields).toEqual([
      expect.objectContaining({ field: "integrationSettings.webhookSecret" }),
    ]);
    const created = await api("POST", "/api/v1/data-sources", {
      ...githubSource("Acme Live", { installationMethod: "self-hosted" }),
      integrationSettings: { ...simulatorGitHubSettings(simulator), webhookSecret: WEBHOOK_SECRET },
    });
    expect(created.status).toBe(201);
    expect(created.body.secrets).toMatchObject({ githubToken: "set", webhookSecret: "set" });
    const organization = simulator.state.findAccount(simulator.organization);
    await eventually(async () => {
      const hooks = simulator.state.hooksOf(organization?.id ?? -1);
      expect(JSON.stringify(hooks)).toContain(`${portolan.url}/integration/webhook/acme-live`);
    });
    await eventually(async () => {
      const { body } = await api("GET", "/api/v1/data-sources/acme-live");
      expect(body.webhookRegistration).toMatchObject({
        state: "finished",
        outcomes: [{ target: simulator.organization, status: "registered" }],
      });
    });
    await eventually(async () => {
      const history = await api("GET", "/api/v1/data-sources/acme-live/resyncs");
      expect(history.body.resyncs[0]?.status).toBe("completed");
    });
    await controlSimulator(simulator, "POST", `/orgs/${simulator.organization}/repos`, {
      name: "made-for-acme-live",
    });
    await eventually(async () => {
      const keys = await portolan.catalog.ownedKeys("acme-live");
      expect(keys.map((key) => key.identifier)).toContain("made-for-acme-live");
    });
    const forged = await fetch(`${portolan.url}/integration/webhook/acme-live`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "repository",
        "x-github-delivery": "f1",
      },
      body: "{}",
    });
    expect(forged.status).toBe(401);
    const unknown = await fetch(`${portolan.url}/integration/webhook/nobody`, { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    // Neither is stored, so only /metrics can show them: counted by data source and reason.
    const metrics = await (await fetch(`${portolan.url}/metrics`)).text();
    expect(metrics).toContain(
      'portolan_webhook_deliveries_refused_total{data_source="acme-live",reason="signature_missing"} 1',
    );
    // Each running data source shows every reason, from 0.
    expect(metrics).toContain(
      'portolan_webhook_deliveries_refused_total{data_source="acme-live",reason="signature_mismatch"} 0',
    );
    // Earlier tests' restarts may have refused a delivery to a path briefly without its data source.
    expect(metrics).toMatch(
      /^portolan_webhook_deliveries_refused_total\{data_source="",reason="unknown_data_source"\} [1-9]/m,
    );
  });

  it("lists every secret with where it is used, never its value", async () => {
    const { text, body } = await api("GET", "/api/v1/secrets");
    expect(text).not.toContain(simulator.adminToken);
    expect(text).not.toContain(WEBHOOK_SECRET);
    expect(body.secrets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          dataSource: "github-settings",
          setting: "githubToken",
          storedIn: "settings",
        }),
        expect.objectContaining({
          dataSource: "acme-scheduled",
          dataSourceName: "Acme renamed",
          setting: "githubToken",
          storedIn: "database",
        }),
        expect.objectContaining({ dataSource: "acme-live", setting: "webhookSecret", storedIn: "database" }),
      ]),
    );
  });

  it("answers any malformed data source with 400 and the fields at fault, never a 5xx", async () => {
    const bodies = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          name: fc.oneof(fc.string({ maxLength: 5 }), fc.integer()),
          integration: fc.constantFrom("github", "gitlab", 3),
          installationMethod: fc.constantFrom("scheduled", "self-hosted", "weekly"),
          // Never a valid whole: githubHost is always wrong, so nothing starts against a real host.
          integrationSettings: fc
            .tuple(
              fc.dictionary(
                fc.constantFrom("githubToken", "webhookSecret", "githubOrganization", "typo"),
                fc.jsonValue({ maxDepth: 1 }),
              ),
              fc.constantFrom("not a url", "ftp://127.0.0.1", "http://127.0.0.1/?q=1", 5),
            )
            .map(([settings, githubHost]) => ({ ...settings, githubHost })),
          applicationSettings: fc.record(
            {
              resyncIntervalMinutes: fc.jsonValue({ maxDepth: 0 }),
              sendRawDataExamples: fc.jsonValue({ maxDepth: 0 }),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      // A body holding a `__proto__` key is refused before it is read (the next test).
      fc.asyncProperty(holdingNoProtoKey(bodies), async (body) => {
        const { status, body: answer } = await api("POST", "/api/v1/data-sources", body);
        expect(status).toBe(400);
        expect(answer.error.code).toBe("DATA_SOURCE_INVALID");
        expect(answer.error.fields.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a body holding a __proto__ key before reading it", async () => {
    // JSON.parse keeps `__proto__` as an own key, which JSON.stringify then sends.
    const body = JSON.parse('{"name":"x","integrationSettings":{"__proto__":{"polluted":true}}}');
    const { status, body: answer } = await api("POST", "/api/v1/data-sources", body);
    expect(status).toBe(400);
    expect(answer.error.code).toBe("REQUEST_FORBIDDEN_KEY");
    expect(answer.error.message).toMatch(
      /^the body holds the key "__proto__" at integrationSettings\.__proto__, /,
    );
    expect(answer.error.hint).toMatch(
      /^Remove or rename the key "__proto__" at integrationSettings\.__proto__;/,
    );
    expect((await api("GET", "/api/v1/data-sources/x")).status).toBe(404);
  });

  /** Rows a data source's running left per table: its resyncs, inbox, delivery marks and cursors. */
  async function activityOf(id: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of ["resyncs", "webhook_inbox", "webhook_delivery_marks", "sync_cursors"]) {
      const { rows } = await portolan.database.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM ${table} WHERE data_source = $1`,
        [id],
      );
      counts[table] = rows[0]?.count ?? 0;
    }
    return counts;
  }

  it("deletes a data source only when told what happens to its entities, and forgets its activity", async () => {
    const unsaid = await api("DELETE", "/api/v1/data-sources/acme-scheduled");
    expect(unsaid).toMatchObject({ status: 400, body: { error: { code: "API_INVALID_QUERY" } } });
    expect((await activityOf("acme-live")).resyncs).toBeGreaterThan(0);
    expect((await activityOf("acme-live")).webhook_inbox).toBeGreaterThan(0);
    const scheduledResyncs = (await activityOf("acme-scheduled")).resyncs;
    expect(scheduledResyncs).toBeGreaterThan(0);
    const owned = await portolan.catalog.countEntities("acme-live");
    expect(owned).toBeGreaterThan(0);
    const deleted = await api("DELETE", "/api/v1/data-sources/acme-live?entities=delete");
    expect(deleted.status).toBe(200);
    expect(deleted.body.deletedEntities).toBe(owned);
    expect(await portolan.catalog.countEntities("acme-live")).toBe(0);
    // Another data source's history stays.
    expect((await activityOf("acme-scheduled")).resyncs).toBe(scheduledResyncs);
    const keptCount = await portolan.catalog.countEntities("acme-scheduled");
    const kept = await api("DELETE", "/api/v1/data-sources/acme-scheduled?entities=keep");
    expect(kept.body.deletedEntities).toBe(0);
    expect(await portolan.catalog.countEntities("acme-scheduled")).toBe(keptCount);
    expect((await portolan.database.query("SELECT * FROM secrets")).rows).toEqual([]);
    const resync = await api("POST", "/api/v1/data-sources/acme-scheduled/resyncs");
    expect(resync).toMatchObject({ status: 404, body: { error: { code: "DATA_SOURCE_NOT_RUNNING" } } });
    const forgotten = { resyncs: 0, webhook_inbox: 0, webhook_delivery_marks: 0, sync_cursors: 0 };
    expect(await activityOf("acme-live")).toEqual(forgotten);
    expect(await activityOf("acme-scheduled")).toEqual(forgotten);
  });

  it("redelivers what a running self-hosted data source missed, through its periodic check", async () => {
    const created = await api("POST", "/api/v1/data-sources", {
      ...githubSource("Acme Recovery", { installationMethod: "self-hosted" }),
      integrationSettings: { ...simulatorGitHubSettings(simulator), webhookSecret: WEBHOOK_SECRET },
    });
    expect(created.status).toBe(201);
    await eventually(async () => {
      const { body } = await api("GET", "/api/v1/data-sources/acme-recovery");
      expect(body.webhookRegistration).toMatchObject({ state: "finished" });
    });
    const deliverySwitch = (enabled: boolean) =>
      controlSimulator(simulator, "POST", "/webhooks/delivery", { enabled });
    await deliverySwitch(false);
    const { deliveries } = await controlSimulator<{ deliveries: string[] }>(
      simulator,
      "POST",
      `/orgs/${simulator.organization}/repos`,
      { name: "missed-by-acme-recovery" },
      { whenIdle: true },
    );
    await deliverySwitch(true);
    // Deliveries settle for 20 s before a periodic check takes them up.
    await eventually(async () => {
      const keys = await portolan.catalog.ownedKeys("acme-recovery");
      expect(keys.map((key) => key.identifier)).toContain("missed-by-acme-recovery");
    }, 120_000);
    const redelivered = simulator.state
      .deliveries()
      .filter((delivery) => deliveries.includes(delivery.id) && delivery.redelivery);
    expect(redelivered.map((delivery) => delivery.statusCode)).toContain(202);
  }, 180_000);

  it("never writes a secret to the log", () => {
    const log = logLines.join("");
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(simulator.adminToken);
    expect(log).not.toContain(WEBHOOK_SECRET);
  });
});

/** The generated bodies without a `__proto__` key anywhere (fast-check's JSON values may hold one). */
function holdingNoProtoKey<T>(bodies: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return bodies.filter((body) => !JSON.stringify(body ?? null).includes('"__proto__"'));
}
