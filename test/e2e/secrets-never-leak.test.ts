import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortolanWithSettingsSource } from "../../src/cli/settings-data-source.js";
import { startPortolan } from "../../src/cli/start-portolan.js";
import { createLogger } from "../../src/engine/logging/create-logger.js";
import { settingsSchema } from "../../src/engine/settings/settings-schema.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/start-simulator.js";
import { withSettingsSource } from "../support/settings-source.js";
import { controlSimulator } from "../support/simulator-control.js";

/** Every GET route of a fastify route tree (`printRoutes({ commonPrefix: false })`), as full paths. */
function getRoutes(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split("\n")) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    stack.length = (match[1] ?? "").length / 4;
    stack.push(match[2] ?? "");
    if ((match[3] ?? "").split(", ").includes("GET")) routes.push(stack.join(""));
  }
  return routes;
}

/**
 * After a full run — resyncs of every kind of the default mapping with a token and with a GitHub App,
 * signed and badly signed webhook deliveries, bad credentials for the portal, the API and GitHub, a
 * GitHub 5xx — none of the secrets appears in the logs, any response of the API, the stored resync
 * history, raw data examples or anything else in the store, or the metrics page.
 */
describe("secrets never leak", () => {
  let simulator: RunningSimulator;
  let portolan: PortolanWithSettingsSource;
  const logLines: string[] = [];
  /** Every place that could hold a secret, by name, with its text. */
  const places = new Map<string, string>();
  const secrets: Record<string, string> = {};
  let sessionCookie = "";

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 3, port: 0, logger: false });
    Object.assign(secrets, {
      githubToken: simulator.adminToken,
      appPrivateKey: simulator.credentials.appPrivateKey,
      webhookSecret: randomBytes(20).toString("hex"),
      appSourceWebhookSecret: randomBytes(20).toString("hex"),
      adminPassword: `admin-${randomBytes(12).toString("hex")}`,
      secretKey: randomBytes(32).toString("base64"),
      revokedToken: `ghp_${randomBytes(18).toString("hex")}`,
    });
    const logger = createLogger({
      level: "debug",
      destination: { write: (line: string) => logLines.push(line) },
    });
    portolan = withSettingsSource(
      await startPortolan({
        settings: settingsSchema.parse({
          integration: {
            identifier: "github",
            type: "github",
            config: {
              githubHost: simulator.url,
              githubToken: secrets.githubToken,
              githubOrganization: simulator.organization,
              webhookSecret: secrets.webhookSecret,
            },
          },
          port: 0,
          adminPassword: secrets.adminPassword,
          secretKey: secrets.secretKey,
        }),
        logger,
        inMemory: true,
      }),
    );
    await runEverything();
    await collectEverything();
  }, 180_000);
  afterAll(async () => {
    await portolan?.close();
    await simulator?.close();
  });

  async function api(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.json !== undefined) headers.set("content-type", "application/json");
    return fetch(`${portolan.url}${path}`, {
      ...init,
      headers,
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  }

  async function runEverything(): Promise<void> {
    const url = portolan.url;
    // GitHub data can carry credentials too: a homepage with a token in its URL (not mapped to any
    // property) reaches the raw data examples unless they are masked.
    await controlSimulator(simulator, "POST", `/orgs/${simulator.organization}/repos`, {
      name: "leaky-homepage",
      homepage: `http://127.0.0.1:1/docs?token=${secrets.githubToken}`,
    });
    await portolan.integration.registerWebhooks(`${url}/integration/webhook`);
    // The portal: a wrong password, then a session.
    expect(
      (await api("/api/v1/session", { method: "POST", json: { username: "admin", password: "wrong" } }))
        .status,
    ).toBe(401);
    const signIn = await api("/api/v1/session", {
      method: "POST",
      json: { username: "admin", password: secrets.adminPassword },
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    sessionCookie = cookie;
    secrets.sessionCookie = cookie.slice(cookie.indexOf("=") + 1);
    const session = { cookie };
    // An API client, a wrong secret, then a bearer token.
    const client = (await (
      await api("/api/v1/clients", { method: "POST", headers: session, json: { name: "ci" } })
    ).json()) as {
      clientId: string;
      clientSecret: string;
    };
    secrets.clientSecret = client.clientSecret;
    expect(
      (
        await api("/v1/auth/access_token", {
          method: "POST",
          json: { clientId: client.clientId, clientSecret: "nope" },
        })
      ).status,
    ).toBe(401);
    const exchange = (await (
      await api("/v1/auth/access_token", { method: "POST", json: client })
    ).json()) as { accessToken: string };
    secrets.accessToken = exchange.accessToken;
    // A data source on the GitHub App, and one whose token GitHub refuses.
    const appSource = await api("/api/v1/data-sources", {
      method: "POST",
      headers: session,
      json: {
        name: "github-app",
        integration: "github",
        installationMethod: "scheduled",
        integrationSettings: {
          githubHost: simulator.url,
          githubOrganization: simulator.organization,
          githubAppId: String(simulator.credentials.appId),
          githubAppPrivateKey: secrets.appPrivateKey,
          webhookSecret: secrets.appSourceWebhookSecret,
        },
        applicationSettings: { resyncIntervalMinutes: 60, sendRawDataExamples: true },
      },
    });
    expect(appSource.status, await appSource.clone().text()).toBeLessThan(300);
    const revoked = await api("/api/v1/data-sources", {
      method: "POST",
      headers: session,
      json: {
        name: "revoked",
        integration: "github",
        installationMethod: "scheduled",
        integrationSettings: { githubHost: simulator.url, githubToken: secrets.revokedToken },
        applicationSettings: { resyncIntervalMinutes: 60, sendRawDataExamples: true },
      },
    });
    // A failing request to Portolan: bad JSON.
    expect(
      (
        await api("/api/v1/data-sources", {
          method: "POST",
          headers: { ...session, "content-type": "application/json" },
          body: "{",
        })
      ).status,
    ).toBe(400);
    // GitHub failing once (retried) during the resync of every kind of the default mapping.
    simulator.faults.add({ pathPattern: "/orgs/*/repos", method: "GET", count: 1, fault: "5xx" });
    const outcome = await portolan.dataSource.requestResync("secrets test");
    if (outcome.started) await outcome.summary;
    for (const source of [appSource, revoked]) {
      if (source.status >= 300) continue;
      const { id } = (await source.json()) as { id: string };
      await api(`/api/v1/data-sources/${id}/resyncs`, { method: "POST", headers: session });
    }
    // Live events through signed webhooks, one badly signed, one unsigned.
    for (const name of ["secrets-one", "secrets-two"]) {
      await controlSimulator(simulator, "POST", `/orgs/${simulator.organization}/repos`, { name });
    }
    const body = JSON.stringify({
      zen: "Keep it logically awesome.",
      hook_id: 1,
      hook: { config: { secret: "x" } },
    });
    for (const signature of [
      `sha256=${createHmac("sha256", secrets.webhookSecret ?? "")
        .update(body)
        .digest("hex")}`,
      `sha256=${createHmac("sha256", "wrong").update(body).digest("hex")}`,
      undefined,
    ]) {
      await fetch(`${url}/integration/webhook`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "ping",
          "x-github-delivery": randomBytes(8).toString("hex"),
          ...(signature ? { "x-hub-signature-256": signature } : {}),
        },
        body,
      });
    }
    // Everything queued is applied and every resync is over before looking.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows } = await portolan.database.query<{ waiting: number }>(
        `SELECT (SELECT count(*) FROM webhook_inbox WHERE status IN ('queued', 'processing'))::int
              + (SELECT count(*) FROM resyncs WHERE status = 'running')::int AS waiting`,
      );
      if (rows[0]?.waiting === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    secrets.bearer = secrets.accessToken ?? "";
  }

  async function collectEverything(): Promise<void> {
    const session = { cookie: sessionCookie };
    const { rows: tables } = await portolan.database.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    for (const { name } of tables) {
      const { rows } = await portolan.database.query<{ row: string }>(
        `SELECT row_to_json(t)::text AS row FROM "${name}" t`,
      );
      places.set(`store table ${name}`, rows.map((row) => row.row).join("\n"));
    }
    const { rows: sources } = await portolan.database.query<{ id: string }>("SELECT id FROM data_sources");
    const { rows: blueprints } = await portolan.database.query<{ identifier: string }>(
      "SELECT identifier FROM blueprints",
    );
    const { rows: entities } = await portolan.database.query<{ blueprint: string; identifier: string }>(
      "SELECT blueprint, identifier FROM entities LIMIT 3",
    );
    const kinds = portolan.integration.kinds.map((kind) => kind.name);
    const values: Record<string, string[]> = {
      ":kind": kinds,
      ":id": [...sources.map((row) => row.id), ...blueprints.map((row) => row.identifier), "github"],
      ":identifier": blueprints.map((row) => row.identifier),
      ":bp": blueprints.map((row) => row.identifier),
    };
    const routes = getRoutes(portolan.server.printRoutes({ commonPrefix: false }));
    const paths = routes.flatMap((route) => {
      let expanded = [route];
      for (const [parameter, candidates] of Object.entries(values)) {
        expanded = expanded.flatMap((path) =>
          path.includes(parameter)
            ? candidates.map((value) => path.replace(parameter, encodeURIComponent(value)))
            : [path],
        );
      }
      return expanded;
    });
    for (const entity of entities)
      paths.push(`/v1/blueprints/${entity.blueprint}/entities/${encodeURIComponent(entity.identifier)}`);
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      for (const [who, headers] of [
        ["session", session],
        ["bearer", { authorization: `Bearer ${secrets.bearer}` }],
        ["anonymous", {}],
      ] as const) {
        const response = await api(path, { headers });
        places.set(
          `GET ${path} as ${who} (${response.status}) `,
          `${JSON.stringify([...response.headers])}\n${await response.text()}`,
        );
      }
    }
    places.set("logs", logLines.join(""));
  }

  it("looked at everything a run leaves", () => {
    // The run did what it claims: logs, API answers, raw examples of several kinds, resync errors.
    expect(logLines.length).toBeGreaterThan(20);
    expect(
      [...places.keys()].some((place) =>
        place.startsWith("GET /api/v1/raw-examples/repository as session (200)"),
      ),
    ).toBe(true);
    const contains = (place: string, text: string) => (places.get(place) ?? "").includes(text);
    expect(
      contains("store table raw_examples", "leaky-homepage"),
      "the planted repository is an example",
    ).toBe(true);
    expect(contains("store table raw_examples", "docs?token=[REDACTED]"), "its homepage is masked").toBe(
      true,
    );
    expect(contains("store table resyncs", "GITHUB_"), "a resync recorded GitHub's refusal").toBe(true);
    expect(contains("logs", "signature"), "the badly signed deliveries were logged").toBe(true);
    expect(Object.keys(secrets).length).toBeGreaterThanOrEqual(10);
  });

  it("logs structured lines that carry the resync id or the delivery id", () => {
    const records = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      records.every((record) => typeof record.msg === "string" && typeof record.level === "number"),
    ).toBe(true);
    expect(records.some((record) => typeof record.resyncId === "string")).toBe(true);
    expect(records.some((record) => typeof record.deliveryId === "string")).toBe(true);
  });

  it("finds no secret anywhere", () => {
    const leaks: string[] = [];
    for (const [secretName, secret] of Object.entries(secrets)) {
      // The private key is searched by its body lines too: a PEM may be re-wrapped or escaped.
      const needles =
        secretName === "appPrivateKey" ? secret.split("\n").filter((line) => line.length > 40) : [secret];
      for (const [place, text] of places) {
        if (
          needles.some(
            (needle) => text.includes(needle) || text.includes(JSON.stringify(needle).slice(1, -1)),
          )
        ) {
          leaks.push(`${secretName} in ${place}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});
