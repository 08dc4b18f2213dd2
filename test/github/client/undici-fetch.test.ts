import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { undiciFetch } from "../../../src/github/client/undici-fetch.js";
import { bodyText } from "../../../src/github/client/whole-body-response.js";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A loopback HTTP server whose answers a test sets per path, and what it received. */
async function startServer() {
  const routes = new Map<string, (request: IncomingMessage, response: ServerResponse) => void>();
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const route = routes.get(new URL(request.url ?? "/", "http://x").pathname);
      if (route) route(request, response);
      else response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    on(path: string, handler: (request: IncomingMessage, response: ServerResponse) => void) {
      routes.set(path, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type TestServer = Awaited<ReturnType<typeof startServer>>;

const redirectTo =
  (location: string, status = 301) =>
  (_: IncomingMessage, response: ServerResponse) =>
    response.writeHead(status, { location }).end();

const json =
  (body: unknown, headers: Record<string, string> = {}) =>
  (_: IncomingMessage, response: ServerResponse) =>
    response
      .writeHead(200, { "content-type": "application/json; charset=utf-8", ...headers })
      .end(JSON.stringify(body));

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("undiciFetch", () => {
  const fetch = undiciFetch();
  let server: TestServer;
  let other: TestServer;
  beforeAll(async () => {
    server = await startServer();
    other = await startServer();
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });

  it("answers with status, headers (repeated ones kept), URL and the whole body", async () => {
    server.on("/plain", (_, response) => {
      response.setHeader("set-cookie", ["a=1", "b=2"]);
      response.writeHead(201, { "content-type": "application/json", etag: '"v1"' }).end('{"ok":true}');
    });
    const response = await fetch(`${server.origin}/plain?x=1`, { headers: { Accept: "application/json" } });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe("Created");
    expect(response.url).toBe(`${server.origin}/plain?x=1`);
    expect(response.headers.get("etag")).toBe('"v1"');
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.json()).toEqual({ ok: true });
    expect(server.received.at(-1)?.headers.accept).toBe("application/json");
  });

  it("gives the body's text without reading its stream again, and the stream still reads", async () => {
    server.on("/text", json({ name: "ünïcode" }));
    const first = await fetch(`${server.origin}/text`);
    expect(first.body).not.toBeNull();
    expect(await bodyText(first.body as ReadableStream)).toBe('{"name":"ünïcode"}');
    const second = await fetch(`${server.origin}/text`);
    expect(await second.text()).toBe('{"name":"ünïcode"}');
  });

  it("sends a request body, and answers a 304 with no body", async () => {
    server.on("/echo", (request, response) => {
      if (request.headers["if-none-match"] === '"v1"') response.writeHead(304, { etag: '"v1"' }).end();
      else json({ method: request.method })(request, response);
    });
    const posted = await fetch(`${server.origin}/echo`, { method: "POST", body: '{"a":1}' });
    expect(await posted.json()).toEqual({ method: "POST" });
    expect(server.received.at(-1)?.body).toBe('{"a":1}');
    const notModified = await fetch(`${server.origin}/echo`, { headers: { "If-None-Match": '"v1"' } });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();
  });

  it("follows a redirect within the origin with the authorization header, and reports the final URL", async () => {
    server.on("/repos/acme/old", redirectTo("/repos/acme/new?page=2"));
    server.on("/repos/acme/new", json({ name: "new" }));
    const response = await fetch(`${server.origin}/repos/acme/old`, {
      headers: { authorization: "Bearer t" },
    });
    expect(await response.json()).toEqual({ name: "new" });
    expect(response.url).toBe(`${server.origin}/repos/acme/new?page=2`);
    expect(server.received.at(-1)?.headers.authorization).toBe("Bearer t");
  });

  it("drops the authorization header when a redirect leaves the origin", async () => {
    server.on("/away", redirectTo(`${other.origin}/landing`, 302));
    other.on("/landing", json({ landed: true }));
    const response = await fetch(`${server.origin}/away`, { headers: { authorization: "Bearer t" } });
    expect(await response.json()).toEqual({ landed: true });
    expect(other.received.at(-1)?.headers.authorization).toBeUndefined();
  });

  it("turns a POST into a GET without its body after a 303, and keeps it after a 307", async () => {
    server.on("/see-other", redirectTo("/echo", 303));
    server.on("/temporary", redirectTo("/echo", 307));
    await fetch(`${server.origin}/see-other`, {
      method: "POST",
      body: "x=1",
      headers: { "content-type": "text/plain" },
    });
    expect(server.received.at(-1)).toMatchObject({ method: "GET", body: "" });
    expect(server.received.at(-1)?.headers["content-type"]).toBeUndefined();
    await fetch(`${server.origin}/temporary`, { method: "POST", body: "x=1" });
    expect(server.received.at(-1)).toMatchObject({ method: "POST", body: "x=1" });
  });

  it("returns a redirect itself when asked to, and fails on a redirect loop", async () => {
    server.on("/loop", redirectTo("/loop"));
    const manual = await fetch(`${server.origin}/loop`, { redirect: "manual" });
    expect(manual.status).toBe(301);
    expect(manual.headers.get("location")).toBe("/loop");
    const error = await rejectionOf(fetch(`${server.origin}/loop`));
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as TypeError).cause)).toMatch(/redirect count exceeded/);
  });

  it.each([
    ["gzip", gzipSync],
    ["br", brotliCompressSync],
    ["deflate", deflateSync],
    ["deflate", deflateRawSync],
  ] as const)("decodes a %s answer (%o)", async (coding, compress) => {
    const body = JSON.stringify({ coding, filler: "abc".repeat(1000) });
    server.on(`/coded-${compress.name}`, (_, response) =>
      response
        .writeHead(200, { "content-type": "application/json", "content-encoding": coding })
        .end(compress(Buffer.from(body))),
    );
    const response = await fetch(`${server.origin}/coded-${compress.name}`);
    expect(await response.text()).toBe(body);
    expect(server.received.at(-1)?.headers["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("fails when the connection drops before the whole body arrived", async () => {
    server.on("/cut", (_, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      response.write('[{"id":1},');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const error = await rejectionOf(fetch(`${server.origin}/cut`));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe("terminated");
  });

  it("rejects with the signal's reason when aborted, and with 'fetch failed' when nothing listens", async () => {
    server.on("/slow", (_, response) => {
      setTimeout(() => json({ late: true })(_, response), 2_000);
    });
    const timedOut = await rejectionOf(fetch(`${server.origin}/slow`, { signal: AbortSignal.timeout(50) }));
    expect((timedOut as DOMException).name).toBe("TimeoutError");
    const closed = await startServer();
    await closed.close();
    const refused = await rejectionOf(fetch(`${closed.origin}/nothing`));
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as TypeError).message).toBe("fetch failed");
    expect(String((refused as TypeError).cause)).toMatch(/ECONNREFUSED/);
  });
});
