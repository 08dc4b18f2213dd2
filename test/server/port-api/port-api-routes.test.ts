import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PORT_API_DATA_SOURCE } from "../../../src/server/port-api/data-source-of-request.js";
import { startTestServer, type TestServer } from "../../support/start-test-server.js";

const OCEAN_AGENT = "port-ocean/github/1.2.3/my-github/exporter";

describe("Port's API served by Portolan (/v1)", () => {
  let running: TestServer;
  let token: string;

  beforeAll(async () => {
    running = await startTestServer();
    const { clientId, clientSecret } = await running.auth.createClient("ocean");
    const response = await fetch(`${running.url}/v1/auth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ clientId, clientSecret }),
    });
    token = ((await response.json()) as { accessToken: string }).accessToken;
    await call("POST", "/v1/blueprints", {
      identifier: "team",
      title: "Team",
      schema: { properties: { size: { type: "number" } } },
    });
    await call("POST", "/v1/blueprints", {
      identifier: "service",
      schema: {
        properties: {
          language: { type: "string", enum: ["go", "ts"] },
          tags: { type: "array" },
          stars: { type: "number" },
          released: { type: "string", format: "date-time" },
        },
      },
      relations: { owner: { target: "team", required: true, many: false } },
    });
  });

  afterAll(async () => {
    await running.close();
  });

  async function call(
    method: string,
    path: string,
    body?: unknown,
    agent = OCEAN_AGENT,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        "user-agent": agent,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function search(rules: unknown[], combinator = "and") {
    const { status, body } = await call("POST", "/v1/entities/search", { combinator, rules });
    expect(status, JSON.stringify(body)).toBe(200);
    return (body.entities as Array<{ identifier: string }>).map((entity) => entity.identifier).sort();
  }

  it("answers 401 in Port's error shape without a bearer token", async () => {
    const response = await fetch(`${running.url}/v1/blueprints/team`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: "unauthorized" });
  });

  it("creates, reads and patches blueprints; refuses a taken identifier and an unknown one", async () => {
    const read = await call("GET", "/v1/blueprints/team");
    expect(read.status).toBe(200);
    expect(read.body.blueprint).toMatchObject({ identifier: "team", title: "Team" });
    const taken = await call("POST", "/v1/blueprints", { identifier: "team", schema: { properties: {} } });
    expect(taken).toMatchObject({ status: 409, body: { ok: false, error: "identifier_taken" } });
    const invalid = await call("POST", "/v1/blueprints", { identifier: "bad id!" });
    expect(invalid).toMatchObject({ status: 422, body: { ok: false, error: "invalid_request" } });
    const patched = await call("PATCH", "/v1/blueprints/team", { title: "Squad" });
    expect(patched.body.blueprint).toMatchObject({ identifier: "team", title: "Squad" });
    expect((await call("GET", "/v1/blueprints/nothing")).status).toBe(404);
  });

  it("bulk-upserts with per-entity results, owned by the User-Agent's data source", async () => {
    const teams = await call("POST", "/v1/blueprints/team/entities/bulk?upsert=true", {
      entities: [
        { identifier: "core", title: "Core", properties: { size: 5 } },
        { identifier: "web", properties: { size: 3 } },
        { identifier: "broken", properties: { size: "many" } },
      ],
    });
    expect(teams.status).toBe(207);
    expect(teams.body.entities).toEqual([
      { identifier: "core", index: 0, created: true },
      { identifier: "web", index: 1, created: true },
    ]);
    expect(teams.body.errors).toEqual([
      expect.objectContaining({
        identifier: "broken",
        index: 2,
        statusCode: 422,
        error: "entity_invalid_property",
      }),
    ]);
    const services = await call(
      "POST",
      "/v1/blueprints/service/entities/bulk?upsert=true&merge=false&create_missing_related_entities=false&validation_only=false&ocean_info_event_type=resync",
      {
        entities: [
          {
            identifier: "api",
            title: "API",
            properties: {
              language: "go",
              tags: ["backend", "public"],
              stars: 40,
              released: "2026-01-10T00:00:00Z",
            },
            relations: { owner: "core" },
          },
          {
            identifier: "portal",
            properties: { language: "ts", tags: ["frontend"], stars: 7, released: "2026-06-01T00:00:00Z" },
            relations: { owner: "web" },
          },
          { identifier: "orphan", properties: {}, relations: { owner: "nobody" } },
        ],
      },
      "port-ocean/github/1.2.4/my-github/exporter",
    );
    expect(services.body.errors).toEqual([
      expect.objectContaining({ identifier: "orphan", statusCode: 404, error: "not_found" }),
    ]);
    const again = await call("POST", "/v1/blueprints/team/entities/bulk?upsert=true", {
      entities: [{ identifier: "core", title: "Core", properties: { size: 6 } }],
    });
    expect(again).toMatchObject({
      status: 200,
      body: { entities: [{ identifier: "core", index: 0, created: false }], errors: [] },
    });
    const [stored] = await running.catalog.searchEntities(
      { combinator: "and", rules: [{ property: "$identifier", operator: "=", value: "core" }] },
      { limit: 1 },
    );
    expect(stored).toMatchObject({ dataSource: OCEAN_AGENT, properties: { size: 6 } });
    const plain = await call(
      "POST",
      "/v1/blueprints/team/entities?upsert=true",
      { identifier: "ops", properties: {} },
      "curl/8",
    );
    expect(plain.status).toBe(201);
    expect(await search([{ property: "$datasource", operator: "=", value: PORT_API_DATA_SOURCE }])).toEqual([
      "ops",
    ]);
  });

  it("single upsert: refuses an existing identifier without upsert, writes nothing with validation_only", async () => {
    const taken = await call("POST", "/v1/blueprints/team/entities", { identifier: "core", properties: {} });
    expect(taken).toMatchObject({ status: 409, body: { ok: false, error: "identifier_taken" } });
    const dry = await call("POST", "/v1/blueprints/team/entities?validation_only=true", {
      identifier: "dry",
      properties: { size: 1 },
    });
    expect(dry.status).toBe(200);
    expect(await search([{ property: "$identifier", operator: "=", value: "dry" }])).toEqual([]);
    const missing = await call("POST", "/v1/blueprints/service/entities?upsert=true", {
      identifier: "lonely",
      relations: { owner: "ghost" },
    });
    expect(missing).toMatchObject({ status: 404, body: { ok: false, error: "not_found" } });
    const stub = await call(
      "POST",
      "/v1/blueprints/service/entities?upsert=true&create_missing_related_entities=true",
      {
        identifier: "lonely",
        relations: { owner: "ghost" },
      },
    );
    expect(stub.status).toBe(201);
    expect(stub.body.entity).toMatchObject({
      identifier: "lonely",
      blueprint: "service",
      relations: { owner: "ghost" },
    });
    expect(await search([{ property: "$identifier", operator: "=", value: "ghost" }])).toEqual(["ghost"]);
  });

  it("searches with Port's rules and refuses what it cannot evaluate with 422", async () => {
    const service = { property: "$blueprint", operator: "=", value: "service" };
    expect(await search([service, { property: "language", operator: "=", value: "go" }])).toEqual(["api"]);
    expect(await search([service, { property: "stars", operator: ">", value: 10 }])).toEqual(["api"]);
    expect(
      await search([service, { property: "tags", operator: "containsAny", value: ["frontend", "x"] }]),
    ).toEqual(["portal"]);
    expect(await search([service, { property: "tags", operator: "contains", value: "public" }])).toEqual([
      "api",
    ]);
    expect(await search([service, { property: "language", operator: "isEmpty" }])).toEqual(["lonely"]);
    expect(await search([service, { property: "$title", operator: "beginsWith", value: "AP" }])).toEqual([
      "api",
    ]);
    expect(
      await search([
        service,
        {
          property: "released",
          operator: "between",
          value: { from: "2026-05-01T00:00:00Z", to: "2026-07-01T00:00:00Z" },
        },
      ]),
    ).toEqual(["portal"]);
    expect(
      await search(
        [
          { property: "$identifier", operator: "in", value: ["web", "api"] },
          {
            combinator: "and",
            rules: [
              { property: "$datasource", operator: "contains", value: "port-ocean/github/" },
              { property: "$datasource", operator: "endsWith", value: "/my-github/exporter" },
              { property: "$identifier", operator: "!=", value: "core" },
            ],
          },
        ],
        "or",
      ),
    ).toEqual(["api", "ghost", "lonely", "portal", "web"]);
    const included = await call("POST", "/v1/entities/search?include=identifier&include=properties.stars", {
      combinator: "and",
      rules: [{ property: "$identifier", operator: "=", value: "api" }],
    });
    expect(included.body.entities).toEqual([{ identifier: "api", properties: { stars: 40 } }]);
    const refused = await call("POST", "/v1/entities/search", {
      combinator: "and",
      rules: [{ property: "$identifier", operator: "relatedTo", value: "x" }],
    });
    expect(refused).toMatchObject({ status: 422, body: { ok: false, error: "unsupported_query" } });
    expect(String(refused.body.message)).toContain("PORT_SEARCH_UNSUPPORTED");
  });

  it("reads one entity, and searches one blueprint page by page", async () => {
    const one = await call("GET", "/v1/blueprints/service/entities/api");
    expect(one.body.entity).toMatchObject({ identifier: "api", title: "API", relations: { owner: "core" } });
    expect((await call("GET", "/v1/blueprints/service/entities/nothing")).status).toBe(404);
    const first = await call("POST", "/v1/blueprints/service/entities/search", {
      query: { combinator: "and", rules: [{ property: "stars", operator: ">", value: 0 }] },
      include: ["identifier"],
      limit: 1,
    });
    expect(first.body.entities).toEqual([{ identifier: "api" }]);
    const second = await call("POST", "/v1/blueprints/service/entities/search", {
      query: { combinator: "and", rules: [{ property: "stars", operator: ">", value: 0 }] },
      include: ["identifier"],
      limit: 1,
      from: first.body.next,
    });
    expect(second.body.entities).toEqual([{ identifier: "portal" }]);
    const all = await call("POST", "/v1/blueprints/team/entities/search", {});
    expect((all.body.entities as Array<{ identifier: string }>).map((entity) => entity.identifier)).toEqual([
      "core",
      "ghost",
      "ops",
      "web",
    ]);
  });

  it("lists a data source's entities by prefix and suffix, written before a time, page by page", async () => {
    const before = new Date().toISOString();
    await call("POST", "/v1/blueprints/team/entities/bulk?upsert=true", {
      entities: [{ identifier: "late", properties: { size: 1 } }],
    });
    const identifiers: string[] = [];
    let from: string | undefined;
    let pages = 0;
    do {
      const { status, body } = await call("POST", "/v1/blueprints/entities/datasource-entities", {
        datasource_prefix: "port-ocean/github/",
        datasource_suffix: "/my-github/exporter",
        before,
        limit: 2,
        ...(from ? { from } : {}),
      });
      expect(status).toBe(200);
      identifiers.push(
        ...(body.entities as Array<{ identifier: string }>).map((entity) => entity.identifier),
      );
      from = body.next as string | undefined;
      pages++;
    } while (from);
    expect(identifiers.sort()).toEqual(["api", "core", "ghost", "lonely", "portal", "web"]);
    expect(pages).toBe(4);
  });

  it("deletes in bulk and one by one, keeping required targets unless delete_dependents", async () => {
    const kept = await call("POST", "/v1/blueprints/team/bulk/entities/delete?delete_dependents=false", {
      entities: ["core", "late"],
    });
    expect(kept.status).toBe(207);
    expect(kept.body.deletedEntities).toEqual(["late"]);
    expect(kept.body.errors).toEqual([
      expect.objectContaining({ identifier: "core", error: "has_dependents" }),
    ]);
    const single = await call("DELETE", "/v1/blueprints/team/entities/web");
    expect(single).toMatchObject({ status: 409, body: { error: "has_dependents" } });
    const cascade = await call("POST", "/v1/blueprints/team/bulk/entities/delete?delete_dependents=true", {
      entities: ["core"],
    });
    expect(cascade).toMatchObject({ status: 200, body: { deletedEntities: ["core"], errors: [] } });
    expect(await search([{ property: "$identifier", operator: "in", value: ["core", "api"] }])).toEqual([]);
    expect((await call("DELETE", "/v1/blueprints/team/entities/core")).status).toBe(404);
    expect((await call("GET", "/v1/blueprints/team/entities-count")).body).toEqual({ ok: true, count: 3 });
  });

  it("keeps an integration's config, resync state and raw examples; names the organization", async () => {
    expect((await call("GET", "/v1/integration/my-github")).status).toBe(404);
    const created = await call("POST", "/v1/integration", {
      installationId: "my-github",
      installationAppType: "github",
      version: "1.2.3",
      config: { resources: [] },
    });
    expect(created.status).toBe(201);
    await call("PATCH", "/v1/integration/my-github/config", {
      config: { deleteDependentEntities: true, resources: [] },
    });
    await call("PATCH", "/v1/integration/my-github/resync-state", {
      status: "running",
      lastResyncStart: "2026-11-26T00:00:00Z",
    });
    const read = await call("GET", "/v1/integration/my-github");
    expect(read.body.integration).toMatchObject({
      identifier: "my-github",
      installationAppType: "github",
      config: { deleteDependentEntities: true, resources: [] },
      resyncState: { status: "running", lastResyncStart: "2026-11-26T00:00:00Z" },
    });
    const examples = await call("POST", "/v1/integration/my-github/kinds/repository/examples", {
      examples: [{ name: "one" }, { name: "two" }],
    });
    expect(examples.status).toBe(200);
    const { rows } = await running.store.database.query<{ example: { name: string } }>(
      "SELECT example FROM raw_examples WHERE data_source = 'my-github' AND kind = 'repository' ORDER BY sequence",
    );
    expect(rows.map((row) => row.example.name)).toEqual(["one", "two"]);
    expect((await call("PATCH", "/v1/integration/nobody", { version: "2" })).status).toBe(404);
    expect((await call("GET", "/v1/organization")).body).toMatchObject({
      ok: true,
      organization: { featureFlags: [] },
    });
  });
});
