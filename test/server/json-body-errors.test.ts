import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonParseReason } from "../support/json-parse-reason.js";
import { startTestServer, type TestServer } from "../support/start-test-server.js";

/** JSON routes of each part of the server: Portolan's API, sign-in, Port's API (POST, PUT, PATCH). */
const ROUTES = [
  { method: "POST", path: "/api/v1/clients" },
  { method: "POST", path: "/v1/auth/access_token" },
  { method: "POST", path: "/api/v1/mapping/test" },
  { method: "PUT", path: "/api/v1/data-sources/fake/mapping" },
  { method: "POST", path: "/v1/blueprints" },
  { method: "PATCH", path: "/v1/blueprints/service" },
] as const;

describe("the server's refusals of a JSON body", () => {
  let running: TestServer;
  beforeAll(async () => {
    running = await startTestServer();
  });
  afterAll(async () => {
    await running.close();
  });

  async function send(
    route: { method: string; path: string },
    body: string,
    contentType = "application/json",
  ): Promise<{ status: number; body: { error: { code: string; message: string; hint?: string } } }> {
    const response = await fetch(`${running.url}${route.path}`, {
      method: route.method,
      headers: { authorization: `Bearer ${running.token}`, "content-type": contentType },
      body,
    });
    return { status: response.status, body: (await response.json()) as never };
  }

  it("answers invalid JSON with 400 REQUEST_BAD_JSON and the JSON parser's reason, on every route", async () => {
    for (const text of ["{not json", '{"name":"x"', '{"name":"x"}}']) {
      for (const route of ROUTES) {
        expect(await send(route, text), `${route.method} ${route.path} ${text}`).toEqual({
          status: 400,
          body: {
            error: {
              code: "REQUEST_BAD_JSON",
              message: `the body is not valid JSON: ${jsonParseReason(text)}`,
              hint: "Send a JSON object.",
            },
          },
        });
      }
    }
  });

  it("answers a top-level __proto__ key with 400 REQUEST_FORBIDDEN_KEY naming it, on every route", async () => {
    for (const route of ROUTES) {
      expect(await send(route, '{"name":"x","__proto__":{"isAdmin":true}}'), route.path).toEqual({
        status: 400,
        body: {
          error: {
            code: "REQUEST_FORBIDDEN_KEY",
            message:
              'the body holds the key "__proto__" at __proto__, which the API refuses: it could change the prototype of the objects the body is read into',
            hint: 'Remove or rename the key "__proto__" at __proto__; no field of the API has that name.',
          },
        },
      });
    }
  });

  it("names the path of a nested __proto__ key", async () => {
    for (const route of ROUTES) {
      const { status, body } = await send(
        route,
        '{"identifier":"x","relations":{"owners":[{"team":{"__proto__":{"isAdmin":true}}}]}}',
      );
      expect(status, route.path).toBe(400);
      expect(body.error.code).toBe("REQUEST_FORBIDDEN_KEY");
      expect(body.error.message).toMatch(
        /^the body holds the key "__proto__" at relations\.owners\[0\]\.team\.__proto__, which the API refuses/,
      );
      expect(body.error.hint).toBe(
        'Remove or rename the key "__proto__" at relations.owners[0].team.__proto__; no field of the API has that name.',
      );
    }
  });

  it("answers a constructor key holding prototype with 400 REQUEST_FORBIDDEN_KEY naming constructor.prototype", async () => {
    for (const route of ROUTES) {
      const { status, body } = await send(
        route,
        '{"name":"x","settings":{"constructor":{"prototype":{"a":1}}}}',
      );
      expect(status, route.path).toBe(400);
      expect(body.error).toEqual({
        code: "REQUEST_FORBIDDEN_KEY",
        message:
          'the body holds the key "constructor.prototype" at settings.constructor.prototype, which the API refuses: it could change the prototype of the objects the body is read into',
        hint: 'Remove or rename the key "constructor.prototype" at settings.constructor.prototype; no field of the API has that name.',
      });
    }
  });

  it("answers 400, not 500, for a __proto__ key nested 200,000 deep", async () => {
    const depth = 200_000;
    const { status, body } = await send(
      { method: "POST", path: "/api/v1/clients" },
      `${"[".repeat(depth)}{"__proto__":1}${"]".repeat(depth)}`,
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe("REQUEST_FORBIDDEN_KEY");
    expect(body.error.message).toMatch(/^the body holds the key "__proto__" at …(\[0\])+\.__proto__, /);
  });

  it("keeps refusing an empty body sent as JSON with 400 REQUEST_BAD_JSON, as before", async () => {
    for (const route of ROUTES) {
      expect(await send(route, ""), route.path).toEqual({
        status: 400,
        body: {
          error: {
            code: "REQUEST_BAD_JSON",
            message: "the body is empty but Content-Type says JSON",
            hint: "Send a JSON object, or no Content-Type header when there is no body.",
          },
        },
      });
    }
  });

  it("reads a JSON body with a charset and harmless constructor and prototype keys", async () => {
    const created = await send(
      { method: "POST", path: "/api/v1/clients" },
      '{"name":"reads odd keys","constructor":"a string","prototype":{"x":1}}',
      "application/json; charset=utf-8",
    );
    expect(created.status).toBe(201);
    const forbidden = await send(
      { method: "POST", path: "/api/v1/clients" },
      '{"name":"x","__proto__":{}}',
      "application/json; charset=utf-8",
    );
    expect(forbidden.body.error.code).toBe("REQUEST_FORBIDDEN_KEY");
  });

  it("still caps a JSON body at 1 MiB with 413 REQUEST_BODY_TOO_LARGE", async () => {
    const { status, body } = await send(
      { method: "POST", path: "/api/v1/clients" },
      JSON.stringify({ name: "x".repeat(1024 * 1024) }),
    );
    expect(status).toBe(413);
    expect(body.error.code).toBe("REQUEST_BODY_TOO_LARGE");
  });
});
