import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { sign } from "@octokit/webhooks-methods";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoMapping } from "../../src/cli/demo/demo-mapping.js";
import { PORTAL_DIRECTORY, type RunningPortolan } from "../../src/cli/start-portolan.js";
import { defaultMapping } from "../../src/github/defaults/default-mapping.js";
import type { RegisteredRoute } from "../../src/server/create-server.js";
import { API_OPERATIONS } from "../../src/server/openapi/api-operations.js";
import { openApiPath } from "../../src/server/openapi/build-openapi-document.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import { openApiStructureSchema } from "../support/openapi-structure-schema.js";
import {
  type PortolanOnSimulator,
  scheduledDataSourceOn,
  startPortolanOnSimulator,
} from "../support/portolan-on-simulator.js";
import { startTestServer } from "../support/start-test-server.js";
import { eventually as eventuallyWithin } from "../support/wait-for.js";

// ajv-formats is CommonJS with a default export; under NodeNext the plugin sits on `.default`.
const addFormats = addFormatsModule.default;

const ADMIN_PASSWORD = "openapi contract admin password";
const WEBHOOK_SECRET = "an-openapi-contract-webhook-secret-0123456789";
const MAPPING = demoMapping(defaultMapping, ["organization", "repository"]);
const OPERATIONS_REGISTRY = "src/server/openapi/api-operations.ts";
/** Tests that wait for resyncs against the simulator: slow on a loaded machine, never timed. */
const RESYNC_TEST_TIMEOUT_MS = 240_000;
/** GitHub answers the next organization read 5 s late, so the resync it starts is surely running. */
const LATE_FIRST_ORGANIZATION_READ = {
  pathPattern: "/orgs/*",
  method: "GET",
  fault: "timeout",
  delayMs: 5000,
  count: 1,
} as const;

type JsonObject = Record<string, unknown>;
interface DescribedOperation {
  method: string;
  path: string;
  operation: JsonObject;
}

/**
 * Port's REST API under /v1 is described by Port itself. The access-token exchange is part of
 * Portolan's own sign-in too and described here (the other direction checks that it is registered).
 */
function isPortsApi(route: RegisteredRoute): boolean {
  return route.url.startsWith("/v1/");
}

/** A file of the built portal, served by @fastify/static (one route per file). */
function isPortalFile(route: RegisteredRoute): boolean {
  if (route.url === "/") return true;
  const file = join(PORTAL_DIRECTORY, route.url);
  return file.startsWith(PORTAL_DIRECTORY) && existsSync(file) && statSync(file).isFile();
}

function describedOperations(document: JsonObject): DescribedOperation[] {
  const paths = document.paths as Record<string, Record<string, JsonObject>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

/** `X-GitHub-Event` etc.: deliveries signed as GitHub signs them. */
async function signedDelivery(event: string, payload: JsonObject, secret: string | undefined) {
  const body = JSON.stringify(payload);
  return {
    rawBody: body,
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": `delivery-${event}-${Math.random().toString(36).slice(2)}`,
      ...(secret ? { "x-hub-signature-256": await sign(secret, body) } : {}),
    },
  };
}

/**
 * Portolan's OpenAPI description (`GET /api/v1/openapi.json`) against the real server: every route
 * it registers is described and every described operation exists; the document is OpenAPI 3.1; and
 * real requests to every operation — a success and at least one error each — answer with a status
 * the description lists and a body its schema for that status accepts.
 */
describe("OpenAPI description of Portolan's own HTTP API", () => {
  let started: PortolanOnSimulator;
  let simulator: RunningSimulator;
  let portolan: RunningPortolan;
  let token: string;
  let document: JsonObject;
  const routes: RegisteredRoute[] = [];
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  /** operationId → statuses seen answered (and checked against the description). */
  const exercised = new Map<string, Set<number>>();

  beforeAll(async () => {
    started = await startPortolanOnSimulator({
      seed: 9,
      adminPassword: ADMIN_PASSWORD,
      settingsDataSource: { webhookSecret: WEBHOOK_SECRET },
      mapping: MAPPING,
      onRoute: (route) => routes.push(route),
    });
    ({ simulator, portolan, token } = started);
    const response = await fetch(`${portolan.url}/api/v1/openapi.json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    document = (await response.json()) as JsonObject;
  });
  afterAll(() => started?.close());

  function findOperation(operationId: string): DescribedOperation {
    const found = describedOperations(document).find((entry) => entry.operation.operationId === operationId);
    if (!found) throw new Error(`the description has no operation "${operationId}"`);
    return found;
  }

  function responseValidator(operationId: string, status: number, contentType: string) {
    const { operation } = findOperation(operationId);
    const responses = operation.responses as Record<string, { content?: Record<string, { schema: object }> }>;
    const described = responses[String(status)];
    if (!described) return { described: false as const };
    const key = `${operationId} ${status} ${contentType}`;
    let validate = validators.get(key);
    const schema = described.content?.[contentType]?.schema;
    if (!validate && schema) {
      validate = ajv.compile(schema);
      validators.set(key, validate);
    }
    return { described: true as const, hasContent: described.content !== undefined, validate };
  }

  interface Call {
    params?: Record<string, string>;
    query?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    /** A bearer token (default: the admin's), a session cookie, or none. */
    credentials?: { bearer: string } | { cookie: string } | "none";
    baseUrl?: string;
  }

  /**
   * Calls one described operation and checks the answer against the description: its status is
   * listed, and its body validates against that status's schema.
   */
  async function call(operationId: string, request: Call = {}) {
    const { method, path } = findOperation(operationId);
    const url = path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
      const value = request.params?.[name];
      if (value === undefined) throw new Error(`${operationId}: give path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const credentials = request.credentials ?? { bearer: token };
    const headers: Record<string, string> = {
      ...(request.body === undefined ? {} : { "content-type": "application/json" }),
      ...(credentials === "none"
        ? {}
        : "bearer" in credentials
          ? { authorization: `Bearer ${credentials.bearer}` }
          : { cookie: credentials.cookie }),
      ...request.headers,
    };
    const response = await fetch(
      `${request.baseUrl ?? portolan.url}${url}${request.query ? `?${request.query}` : ""}`,
      {
        method,
        headers,
        ...(request.rawBody !== undefined
          ? { body: request.rawBody }
          : request.body === undefined
            ? {}
            : { body: JSON.stringify(request.body) }),
      },
    );
    const text = await response.text();
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    const check = responseValidator(operationId, response.status, contentType);
    const where = `${method} ${url} → ${response.status}`;
    expect(check.described, `${where}: status ${response.status} is not described (${text})`).toBe(true);
    const body = contentType === "application/json" && text ? JSON.parse(text) : text;
    if (check.described && check.hasContent) {
      expect(check.validate, `${where}: no schema is described for ${contentType}`).toBeDefined();
      const valid = check.validate?.(body);
      expect(valid, `${where}: ${ajv.errorsText(check.validate?.errors)} in ${text.slice(0, 2000)}`).toBe(
        true,
      );
    }
    if (check.described && !check.hasContent) expect(text, `${where}: described without a body`).toBe("");
    const seen = exercised.get(operationId) ?? new Set<number>();
    seen.add(response.status);
    exercised.set(operationId, seen);
    return { status: response.status, body, headers: response.headers };
  }

  /** Polls until `check` passes: resyncs against the simulator take a while on a shared machine. */
  /** A resync against the simulator may take most of the test's time on a loaded machine. */
  const eventually = (check: () => Promise<void>) => eventuallyWithin(check, RESYNC_TEST_TIMEOUT_MS - 20_000);

  describe("every route is described, and every description is a route", () => {
    it("describes each route the server registers (apart from Port's /v1 API and the portal's files)", () => {
      const described = new Set(API_OPERATIONS.map((operation) => `${operation.method} ${operation.url}`));
      const undescribed = routes
        // fastify answers HEAD for every GET by itself; the GET is what is described.
        .filter((route) => route.method !== "HEAD" && !isPortalFile(route) && !isPortsApi(route))
        .filter((route) => !described.has(`${route.method} ${route.url}`))
        .map(
          (route) =>
            `${route.method} ${route.url} is registered but not described: add an ApiOperation ` +
            `{method: "${route.method}", url: "${route.url}", …} to the *-operations.ts list beside its ` +
            `route file (create one if the file has none, and add the list to ${OPERATIONS_REGISTRY}).`,
        );
      expect(undescribed).toEqual([]);
      expect(routes.length).toBeGreaterThan(API_OPERATIONS.length);
    });

    it("has a registered route for each described operation", () => {
      const registered = new Set(routes.map((route) => `${route.method} ${route.url}`));
      const missing = API_OPERATIONS.filter(
        (operation) => !registered.has(`${operation.method} ${operation.url}`),
      ).map(
        (operation) =>
          `${operation.operationId} (${operation.method} ${operation.url}) is described but the server ` +
          `registers no such route: fix its url or remove it from its *-operations.ts list.`,
      );
      expect(missing).toEqual([]);
    });

    it("describes each path parameter of a route, and no other", () => {
      const mismatched = API_OPERATIONS.flatMap((operation) => {
        const inUrl = [...operation.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]).sort();
        const described = Object.keys(operation.params?.shape ?? {}).sort();
        return JSON.stringify(inUrl) === JSON.stringify(described)
          ? []
          : [
              `${operation.operationId}: the url has ${inUrl.join(", ")}, params describe ${described.join(", ")}`,
            ];
      });
      expect(mismatched).toEqual([]);
    });
  });

  describe("the document is OpenAPI 3.1", () => {
    it("has the structure the specification gives its fields", () => {
      const validate = new Ajv2020({ allErrors: true }).compile(openApiStructureSchema);
      expect(validate(document), new Ajv2020().errorsText(validate.errors)).toBe(true);
    });

    it("has unique operation ids, and security schemes that exist", () => {
      const operations = describedOperations(document);
      const ids = operations.map((entry) => entry.operation.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      const schemes = Object.keys(
        (document.components as { securitySchemes: JsonObject }).securitySchemes,
      ).sort();
      expect(schemes).toEqual(["bearer", "session"]);
      const requirements = [
        ...(document.security as JsonObject[]),
        ...operations.flatMap((entry) => (entry.operation.security as JsonObject[] | undefined) ?? []),
      ];
      for (const requirement of requirements) {
        for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
      }
    });

    it("names each templated path segment in a path parameter", () => {
      for (const { path, operation } of describedOperations(document)) {
        const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
        const parameters = ((operation.parameters as JsonObject[] | undefined) ?? [])
          .filter((parameter) => parameter.in === "path")
          .map((parameter) => parameter.name)
          .sort();
        expect(parameters, path).toEqual(inPath);
      }
    });

    it("has only valid JSON Schema 2020-12 schemas, as OpenAPI 3.1 requires", () => {
      const schemas: Array<{ where: string; schema: object }> = [];
      for (const { method, path, operation } of describedOperations(document)) {
        const where = `${method} ${path}`;
        for (const parameter of (operation.parameters as JsonObject[] | undefined) ?? []) {
          schemas.push({
            where: `${where} parameter ${String(parameter.name)}`,
            schema: parameter.schema as object,
          });
        }
        const content = [
          ...Object.values((operation.requestBody as { content?: JsonObject } | undefined)?.content ?? {}),
          ...Object.values(operation.responses as Record<string, { content?: JsonObject }>).flatMap(
            (response) => Object.values(response.content ?? {}),
          ),
        ] as Array<{ schema: object }>;
        for (const media of content) schemas.push({ where, schema: media.schema });
      }
      expect(schemas.length).toBeGreaterThan(API_OPERATIONS.length);
      const strict = new Ajv2020({ strict: true });
      addFormats(strict);
      for (const { where, schema } of schemas) {
        expect(() => strict.compile(schema), where).not.toThrow();
      }
    });

    it("keys each operation by the path fastify registers", () => {
      const paths = Object.keys(document.paths as JsonObject).sort();
      expect(paths).toEqual(
        [...new Set(API_OPERATIONS.map((operation) => openApiPath(operation.url)))].sort(),
      );
    });
  });

  describe("real requests answer as described", () => {
    let clientId = "";
    let clientSecret = "";
    let storedId = "";
    let settingsId = "";

    it("nothing but signing in answers an anonymous caller: each signed-in operation answers 401", async () => {
      const signedIn = API_OPERATIONS.filter((operation) => operation.access === "signed-in");
      expect(signedIn.length).toBeGreaterThan(20);
      for (const operation of signedIn) {
        const params = Object.fromEntries(
          Object.keys(operation.params?.shape ?? {}).map((name) => [name, "x"]),
        );
        const answer = await call(operation.operationId, {
          params,
          credentials: "none",
          ...(operation.body ? { body: {} } : {}),
        });
        expect(answer.status, operation.operationId).toBe(401);
        expect(answer.body.error.code).toBe("AUTH_REQUIRED");
      }
    });

    it("signs in with a password (a session cookie) and out again", async () => {
      expect((await call("signIn", { credentials: "none", body: { username: "admin" } })).status).toBe(400);
      const wrong = await call("signIn", {
        credentials: "none",
        body: { username: "admin", password: "nope" },
      });
      expect(wrong.status).toBe(401);
      const signedIn = await call("signIn", {
        credentials: "none",
        body: { username: "admin", password: ADMIN_PASSWORD },
      });
      expect(signedIn.status).toBe(200);
      const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      expect(cookie).toMatch(/^portolan_session=/);
      const session = await call("getSession", { credentials: { cookie } });
      expect(session.status).toBe(200);
      expect(session.body.subject).toBe("account:admin");
      expect((await call("signOut", { credentials: { cookie } })).status).toBe(204);
      expect((await call("getSession", { credentials: { cookie } })).status).toBe(401);
    });

    it("creates an API client and exchanges its id and secret for a bearer token", async () => {
      expect((await call("createApiClient", { body: { name: "" } })).status).toBe(400);
      const created = await call("createApiClient", { body: { name: "openapi contract" } });
      expect(created.status).toBe(201);
      clientId = created.body.clientId;
      clientSecret = created.body.clientSecret;
      expect((await call("getAccessToken", { credentials: "none", body: { clientId } })).status).toBe(400);
      const wrong = await call("getAccessToken", {
        credentials: "none",
        body: { clientId, clientSecret: "not the secret" },
      });
      expect(wrong.status).toBe(401);
      const exchanged = await call("getAccessToken", {
        credentials: "none",
        body: { clientId, clientSecret },
      });
      expect(exchanged.status).toBe(200);
      const asClient = await call("getSession", { credentials: { bearer: exchanged.body.accessToken } });
      expect(asClient.body.subject).toBe(`client:${clientId}`);
    });

    it("answers the body parser's refusals as described", async () => {
      const notJson = await call("createApiClient", {
        rawBody: "{not json",
        headers: { "content-type": "application/json" },
      });
      expect(notJson.body.error.code).toBe("REQUEST_BAD_JSON");
      const protoKey = await call("createApiClient", {
        rawBody: '{"name":"x","__proto__":{"isAdmin":true}}',
        headers: { "content-type": "application/json" },
      });
      expect(protoKey.status).toBe(400);
      expect(protoKey.body.error.code).toBe("REQUEST_FORBIDDEN_KEY");
      const xml = await call("createApiClient", {
        rawBody: "<name>x</name>",
        headers: { "content-type": "application/xml" },
      });
      expect(xml.status).toBe(415);
      const tooLarge = await call("createApiClient", { body: { name: "x".repeat(2 * 1024 * 1024) } });
      expect(tooLarge.status).toBe(413);
    });

    it("serves its own description to a signed-in caller", async () => {
      const described = await call("getOpenApiDescription", { credentials: { bearer: token } });
      expect(described.status).toBe(200);
      expect(described.body.openapi).toBe("3.1.0");
    });

    it(
      "starts a resync of the data source from settings, refusing a second while it runs",
      async () => {
        // The first GitHub request answers late, so the resync is surely running at the second request.
        simulator.faults.add(LATE_FIRST_ORGANIZATION_READ);
        expect((await call("startSettingsResync")).status).toBe(202);
        const second = await call("startSettingsResync");
        expect(second.status).toBe(409);
        expect(second.body.skippedId).toEqual(expect.any(String));
        await eventually(async () => {
          const { status, body } = await call("listSettingsResyncs");
          expect(status).toBe(200);
          expect(body.running).toBeNull();
          expect(body.resyncs.some((resync: { status: string }) => resync.status === "completed")).toBe(true);
        });
      },
      RESYNC_TEST_TIMEOUT_MS,
    );

    it("lists blueprints, pages of entities and one entity with what points at it", async () => {
      const { body } = await call("listBlueprints");
      const blueprint = body.blueprints.find(
        (candidate: { entityCount: number }) => candidate.entityCount > 0,
      );
      expect(blueprint).toBeDefined();
      const params = { identifier: blueprint.identifier };
      expect((await call("listEntities", { params, query: "limt=5" })).status).toBe(400);
      const page = await call("listEntities", { params, query: "limit=5&search=" });
      expect(page.status).toBe(200);
      const entity = page.body.entities[0].identifier;
      expect((await call("getEntity", { params: { ...params, entity } })).status).toBe(200);
      const missing = await call("getEntity", { params: { ...params, entity: "no such entity" } });
      expect(missing.status).toBe(404);
    });

    it("receives signed deliveries for the data source from settings, and lists them", async () => {
      const payload = {
        action: "edited",
        repository: { id: 1, name: "contract", full_name: `${simulator.organization}/contract` },
        organization: { login: simulator.organization },
      };
      const queued = await call("receiveSettingsWebhook", {
        credentials: "none",
        ...(await signedDelivery("repository", payload, WEBHOOK_SECRET)),
      });
      expect(queued.status).toBe(202);
      const forged = await call("receiveSettingsWebhook", {
        credentials: "none",
        ...(await signedDelivery("repository", payload, "not the secret")),
      });
      expect(forged.status).toBe(401);
      const unnamed = await signedDelivery("repository", payload, WEBHOOK_SECRET);
      const { "x-github-event": _event, ...withoutEvent } = unnamed.headers;
      const missing = await call("receiveSettingsWebhook", {
        credentials: "none",
        ...unnamed,
        headers: withoutEvent,
      });
      expect(missing.status).toBe(400);
      expect((await call("listSettingsEvents", { query: "limit=0" })).status).toBe(400);
      const events = await call("listSettingsEvents", { query: "limit=10" });
      expect(events.status).toBe(200);
      expect(events.body.recent.length).toBeGreaterThan(0);
    });

    it("keeps raw examples per kind for the mapping test", async () => {
      expect((await call("listRawExamples", { params: { kind: "repository" } })).status).toBe(200);
      expect((await call("listRawExamples", { params: { kind: "no-such-kind" } })).status).toBe(404);
      const [running] = (await call("listMappingDataSources")).body.dataSources;
      const params = { id: running.id, kind: "repository" };
      expect((await call("listDataSourceRawExamples", { params })).status).toBe(200);
      const unknown = { id: "no-such-source", kind: "repository" };
      expect((await call("listDataSourceRawExamples", { params: unknown })).status).toBe(404);
    });

    it("reads, checks, saves and tests the mapping of the data source from settings", async () => {
      const sources = await call("listMappingDataSources");
      settingsId = sources.body.dataSources[0].id;
      const params = { id: settingsId };
      expect((await call("getMapping", { params })).status).toBe(200);
      expect((await call("getMapping", { params: { id: "no-such-source" } })).status).toBe(404);
      expect((await call("validateMapping", { params, body: { text: MAPPING } })).body.valid).toBe(true);
      expect((await call("validateMapping", { params, body: {} })).status).toBe(400);
      expect(
        (await call("validateMapping", { params: { id: "no-such-source" }, body: { text: "" } })).status,
      ).toBe(404);
      const refused = await call("saveMapping", { params, body: { text: "resources: 5" } });
      expect(refused.status).toBe(400);
      expect(refused.body.problems.length).toBeGreaterThan(0);
      const saved = await call("saveMapping", { params, body: { text: MAPPING } });
      expect(saved.status).toBe(200);
      const version = String(saved.body.version.version);
      expect((await call("getMappingVersion", { params: { ...params, version } })).status).toBe(200);
      expect((await call("getMappingVersion", { params: { ...params, version: "999999" } })).status).toBe(
        404,
      );
      const tested = await call("testMapping", { body: { text: MAPPING, kind: "repository" } });
      expect(tested.status).toBe(200);
      expect(tested.body.results.length).toBeGreaterThan(0);
      expect((await call("testMapping", { body: { text: MAPPING, kind: "release" } })).status).toBe(404);
      expect((await call("testMapping", { body: { kind: "repository" } })).status).toBe(400);
    });

    it(
      "adds, reads, resyncs, changes and deletes a stored data source",
      async () => {
        expect((await call("listIntegrations")).status).toBe(200);
        const input = scheduledDataSourceOn(simulator, "Contract source", { mapping: MAPPING });
        const refused = await call("createDataSource", { body: { ...input, installationMethod: "weekly" } });
        expect(refused.status).toBe(400);
        expect(refused.body.error.fields.length).toBeGreaterThan(0);
        const created = await call("createDataSource", { body: input });
        expect(created.status).toBe(201);
        storedId = created.body.id;
        const params = { id: storedId };
        expect((await call("listDataSources")).body.dataSources.length).toBeGreaterThan(1);
        expect((await call("getDataSource", { params })).status).toBe(200);
        expect((await call("getDataSource", { params: { id: "no-such-source" } })).status).toBe(404);
        expect((await call("listSecrets")).status).toBe(200);

        // Its first resync starts with it; once it is done, a second is refused while a third runs.
        await eventually(async () => {
          const { body } = await call("listResyncs", { params });
          expect(body.running).toBeNull();
          expect(body.resyncs.length).toBeGreaterThan(0);
        });
        expect((await call("listResyncs", { params: { id: "no-such-source" } })).status).toBe(404);
        simulator.faults.add(LATE_FIRST_ORGANIZATION_READ);
        expect((await call("startResync", { params })).status).toBe(202);
        expect((await call("startResync", { params })).status).toBe(409);
        expect((await call("startResync", { params: { id: "no-such-source" } })).status).toBe(404);

        const ignored = await call("receiveWebhook", {
          credentials: "none",
          params: { dataSourceId: storedId },
          ...(await signedDelivery("ping", { zen: "Keep it logically awesome." }, undefined)),
        });
        expect(ignored.status).toBe(202);
        const nowhere = await call("receiveWebhook", {
          credentials: "none",
          params: { dataSourceId: "no-such-source" },
          ...(await signedDelivery("ping", {}, undefined)),
        });
        expect(nowhere.status).toBe(404);
        expect((await call("listEvents", { params })).status).toBe(200);
        expect((await call("listEvents", { params, query: "limit=many" })).status).toBe(400);

        expect(
          (await call("updateDataSource", { params, body: { ...input, name: "Renamed source" } })).status,
        ).toBe(200);
        expect((await call("updateDataSource", { params, body: { ...input, name: " " } })).status).toBe(400);
        expect((await call("updateDataSource", { params: { id: settingsId }, body: input })).status).toBe(
          409,
        );
        expect(
          (await call("updateDataSource", { params: { id: "no-such-source" }, body: input })).status,
        ).toBe(404);

        expect((await call("deleteDataSource", { params })).status).toBe(400);
        expect(
          (await call("deleteDataSource", { params: { id: settingsId }, query: "entities=keep" })).status,
        ).toBe(409);
        expect((await call("deleteDataSource", { params, query: "entities=delete" })).status).toBe(200);
        expect((await call("deleteDataSource", { params, query: "entities=keep" })).status).toBe(404);
      },
      RESYNC_TEST_TIMEOUT_MS,
    );

    it("answers health and metrics to anyone", async () => {
      expect((await call("getHealth", { credentials: "none" })).status).toBe(200);
      const metrics = await call("getMetrics", { credentials: "none" });
      expect(metrics.status).toBe(200);
      expect(metrics.body).toMatch(/^# HELP /m);
    });

    it("answers 503 with the failing check when the source's credentials do not work", async () => {
      const failing = await startTestServer({
        checkSource: async () => {
          throw new Error("GitHub answered 401");
        },
      });
      try {
        const health = await call("getHealth", { credentials: "none", baseUrl: failing.url });
        expect(health.status).toBe(503);
        expect(health.body.checks.source).toMatch(/GitHub answered 401/);
      } finally {
        await failing.close();
      }
    });

    it("answered each described operation with a success and an error", () => {
      // Only the server's own 500 is left for these: nothing a caller sends makes them fail.
      const noCallerError = new Set(["getMetrics"]);
      const untested = API_OPERATIONS.flatMap((operation) => {
        const statuses = [...(exercised.get(operation.operationId) ?? [])];
        const gaps = [
          ...(statuses.some((status) => status < 400) ? [] : ["a success"]),
          ...(statuses.some((status) => status >= 400) || noCallerError.has(operation.operationId)
            ? []
            : ["an error"]),
        ];
        return gaps.length === 0
          ? []
          : [
              `${operation.operationId} (${operation.method} ${operation.url}): no request got ${gaps.join(" or ")}`,
            ];
      });
      expect(untested).toEqual([]);
    });
  });
});
