import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/start-test-server.js";

interface ListBody {
  entities: Array<{ identifier: string; dataSource: string }>;
  total: number;
  dataSources: string[];
}

/** Search, filters and paging of a blueprint's entities, and one entity with its relations both ways. */
describe("catalog API: entity search and the entity page", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await server.catalog.ensureBlueprints([
      { identifier: "team", title: "Team", schema: { properties: {} } },
      {
        identifier: "service",
        title: "Service",
        schema: {
          properties: { language: { type: "string" }, tier: { type: "number" }, tags: { type: "array" } },
        },
        relations: {
          owner: { target: "team", many: false },
          helpers: { target: "team", many: true },
          dependsOn: { target: "service", many: true },
        },
      },
    ]);
    await server.catalog.upsertEntities(
      [
        { identifier: "platform", blueprint: "team", title: "Platform", properties: {}, relations: {} },
        { identifier: "web", blueprint: "team", title: "Web 100%", properties: {}, relations: {} },
      ],
      { dataSource: "fake" },
    );
    const service = (identifier: string, title: string, properties: object, relations: object) => ({
      identifier,
      blueprint: "service",
      title,
      properties: properties as Record<string, unknown>,
      relations: relations as Record<string, unknown>,
    });
    await server.catalog.upsertEntities(
      [
        service(
          "billing-api",
          "Billing API",
          { language: "Go", tier: 1, tags: ["money"] },
          { owner: "platform" },
        ),
        service(
          "checkout",
          "Checkout",
          { language: "TypeScript", tier: 2, tags: ["money", "web"] },
          {
            owner: "web",
            helpers: ["platform"],
            dependsOn: ["billing-api"],
          },
        ),
        service("search", "Search_box", { language: "Go", tier: 2, tags: [] }, { owner: "platform" }),
      ],
      { dataSource: "fake" },
    );
    await server.catalog.upsertEntities(
      [service("legacy", "Old billing", { language: "Perl", tier: 3 }, { dependsOn: ["billing-api"] })],
      { dataSource: "other" },
    );
  });

  afterAll(async () => {
    await server?.close();
  });

  async function get<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  const identifiers = (body: ListBody) => body.entities.map((entity) => entity.identifier);

  it("searches identifier and title, ignoring case, with LIKE's wildcards taken literally", async () => {
    const billing = await get<ListBody>("/api/v1/blueprints/service/entities?search=BILLING");
    expect(identifiers(billing.body)).toEqual(["billing-api", "legacy"]);
    expect(billing.body.total).toBe(2);
    expect(billing.body.dataSources).toEqual(["fake", "other"]);
    const underscore = await get<ListBody>("/api/v1/blueprints/service/entities?search=h_b");
    expect(identifiers(underscore.body)).toEqual(["search"]);
    const percent = await get<ListBody>("/api/v1/blueprints/team/entities?search=%25");
    expect(identifiers(percent.body)).toEqual(["web"]);
  });

  it("filters by property value (text, number, list element) and by data source, with paging", async () => {
    const go = await get<ListBody>("/api/v1/blueprints/service/entities?property=language:Go");
    expect(identifiers(go.body)).toEqual(["billing-api", "search"]);
    const tier = await get<ListBody>(
      "/api/v1/blueprints/service/entities?property=tier:2&property=language:Go",
    );
    expect(identifiers(tier.body)).toEqual(["search"]);
    const tag = await get<ListBody>("/api/v1/blueprints/service/entities?property=tags:money");
    expect(identifiers(tag.body)).toEqual(["billing-api", "checkout"]);
    const other = await get<ListBody>("/api/v1/blueprints/service/entities?dataSource=other");
    expect(identifiers(other.body)).toEqual(["legacy"]);
    const page = await get<ListBody>("/api/v1/blueprints/service/entities?limit=2&offset=1");
    expect(identifiers(page.body)).toEqual(["checkout", "legacy"]);
    expect(page.body.total).toBe(4);
    const bad = await get<{ error: { code: string } }>(
      "/api/v1/blueprints/service/entities?property=language",
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("API_INVALID_QUERY");
  });

  it("opens an entity with who wrote it and when, and the entities pointing at it", async () => {
    const { status, body } = await get<{
      entity: {
        identifier: string;
        dataSource: string;
        createdAt: string;
        updatedAt: string;
        relations: object;
      };
      incoming: Array<{
        blueprint: string;
        relation: string;
        total: number;
        entities: Array<{ identifier: string }>;
      }>;
    }>("/api/v1/blueprints/team/entities/platform");
    expect(status).toBe(200);
    expect(body.entity).toMatchObject({ identifier: "platform", dataSource: "fake" });
    expect(Date.parse(body.entity.createdAt)).toBeLessThanOrEqual(Date.parse(body.entity.updatedAt));
    expect(
      body.incoming.map((group) => [
        group.blueprint,
        group.relation,
        group.total,
        group.entities.map((e) => e.identifier),
      ]),
    ).toEqual([
      ["service", "helpers", 1, ["checkout"]],
      ["service", "owner", 2, ["billing-api", "search"]],
    ]);
    const billing = await get<{ entity: { relations: object }; incoming: Array<{ relation: string }> }>(
      "/api/v1/blueprints/service/entities/billing-api",
    );
    expect(billing.body.entity.relations).toEqual({ owner: "platform" });
    expect(billing.body.incoming).toMatchObject([{ relation: "dependsOn", total: 2 }]);
    const missing = await get<{ error: { code: string } }>("/api/v1/blueprints/team/entities/nobody");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("ENTITY_NOT_FOUND");
  });
});
