import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/start-test-server.js";

/** Every table a request could change; bad input must leave each count as it was. */
const TABLES = [
  "blueprints",
  "entities",
  "resyncs",
  "webhook_inbox",
  "accounts",
  "api_clients",
  "access_tokens",
  "mapping_versions",
];

interface BadRequest {
  method: "GET" | "POST";
  path: string;
  contentType: string | undefined;
  body: string | undefined;
}

const postPaths = fc.constantFrom(
  "/v1/auth/access_token",
  "/api/v1/session",
  "/api/v1/clients",
  "/api/v1/data-sources/fake/mapping/validate",
  "/api/v1/mapping/test",
);

/** JSON that is not JSON: truncated, trailing garbage, or plain noise. */
const badJson = fc.oneof(
  fc.tuple(fc.jsonValue({ maxDepth: 2 }), fc.nat()).map(([value, cut]) => {
    const text = JSON.stringify({ clientId: value, name: value });
    return text.slice(0, cut % text.length);
  }),
  fc.jsonValue({ maxDepth: 2 }).map((value) => `${JSON.stringify(value)}}`),
  fc.string({ maxLength: 40 }).filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  }),
);

/** Objects whose fields have the wrong types (never a string where a string is required). */
const notAString = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const wrongTypes = fc
  .record(
    {
      clientId: notAString,
      clientSecret: notAString,
      username: notAString,
      password: notAString,
      name: fc.oneof(notAString, fc.constant(""), fc.constant("x".repeat(101))),
    },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value));
const notAnObject = fc
  .jsonValue({ maxDepth: 2 })
  .filter((value) => value === null || typeof value !== "object" || Array.isArray(value))
  .map((value) => JSON.stringify(value));

const badRequest: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.record({
    method: fc.constant("POST" as const),
    path: postPaths,
    contentType: fc.constant("application/json"),
    body: fc.oneof(badJson, wrongTypes, notAnObject, fc.constant("")),
  }),
  fc.record({
    method: fc.constant("POST" as const),
    path: postPaths,
    contentType: fc.constantFrom(
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/xml",
      undefined,
    ),
    body: fc.constant('{"clientId":"a","clientSecret":"b","username":"admin","password":"x","name":"n"}'),
  }),
  fc.record({
    method: fc.constant("GET" as const),
    path: fc
      .tuple(
        fc.constantFrom("/api/v1/blueprints/thing/entities", "/api/v1/events"),
        fc.oneof(
          fc.record({
            limit: fc
              .oneof(fc.constantFrom("0", "-1", "abc", "1.5", "100000", ""), fc.string())
              .filter((text) => {
                const limit = Number(text);
                return !(Number.isInteger(limit) && limit >= 1 && limit <= 500);
              }),
          }),
          fc.record({ offset: fc.constantFrom("-5", "x", "1e999") }),
          fc.record({ unknownParameter: fc.string({ maxLength: 5 }) }),
        ),
      )
      .map(([path, query]) => `${path}?${new URLSearchParams(query as Record<string, string>)}`),
    contentType: fc.constant(undefined),
    body: fc.constant(undefined),
  }),
);

describe("the API on bad input (property)", () => {
  let running: TestServer;
  beforeAll(async () => {
    running = await startTestServer();
  });
  afterAll(async () => {
    await running.close();
  });

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const { rows } = await running.store.database.query<{ count: string | number }>(
        `SELECT count(*) AS count FROM ${table}`,
      );
      result[table] = Number(rows[0]?.count);
    }
    return result;
  }

  async function send(request: BadRequest) {
    const headers: Record<string, string> = { authorization: `Bearer ${running.token}` };
    if (request.contentType) headers["content-type"] = request.contentType;
    const response = await fetch(`${running.url}${request.path}`, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const raw = await response.text();
    return { status: response.status, raw, type: response.headers.get("content-type") };
  }

  it("answers 4xx JSON with a stable code and a message, and changes nothing stored", async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(badRequest, async (request) => {
        const answer = await send(request);
        expect(answer.status, answer.raw).toBeGreaterThanOrEqual(400);
        expect(answer.status, answer.raw).toBeLessThan(500);
        expect(answer.type).toMatch(/^application\/json/);
        expect(answer.raw).not.toMatch(/\n\s+at |stack|FST_/);
        const body = JSON.parse(answer.raw) as { error: { code: string; message: string } };
        expect(body.error.code).toMatch(/^(API|AUTH|REQUEST)_[A-Z_]+$/);
        expect(body.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 150, interruptAfterTimeLimit: 4000 },
    );
    expect(await counts()).toEqual(before);
  });

  it("caps API bodies at 1 MiB with 413 REQUEST_BODY_TOO_LARGE", async () => {
    const before = await counts();
    const huge = JSON.stringify({ name: "x".repeat(1024 * 1024) });
    for (const path of ["/api/v1/clients", "/v1/auth/access_token", "/api/v1/session"]) {
      const answer = await send({ method: "POST", path, contentType: "application/json", body: huge });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.raw)).toMatchObject({ error: { code: "REQUEST_BODY_TOO_LARGE" } });
    }
    expect(await counts()).toEqual(before);
  });

  it("names the unknown query parameter", async () => {
    const answer = await send({
      method: "GET",
      path: "/api/v1/events?limt=5",
      contentType: undefined,
      body: undefined,
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.raw)).toMatchObject({ error: { code: "API_INVALID_QUERY" } });
    expect(answer.raw).toContain("limt");
  });
});
