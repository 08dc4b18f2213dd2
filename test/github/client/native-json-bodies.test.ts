import { describe, expect, it } from "vitest";
import type { CachedResponse, EtagCache } from "../../../src/github/client/etag-cache.js";
import { GitHubClient } from "../../../src/github/client/github-client.js";
import { fastPolicy, silentLogger } from "../fake-github.js";

/** A client whose every GET is answered with `body` under `contentType`, and the bodies its ETag cache kept. */
function clientAnswering(body: BodyInit, contentType: string | undefined) {
  const kept = new Map<string, CachedResponse>();
  const cache: EtagCache = {
    etag: async (key) => kept.get(key)?.etag,
    reuse: async (key, etag) => (kept.get(key)?.etag === etag ? kept.get(key) : undefined),
    put: async (key, response) => {
      kept.set(key, response);
    },
  };
  const client = GitHubClient.create({
    baseUrl: "https://api.github.com",
    credential: { type: "token", token: "ghp_nativejson" },
    logger: silentLogger,
    policy: fastPolicy,
    etagCache: { cache },
    fetch: async () =>
      new Response(body, {
        status: 200,
        headers: { ...(contentType ? { "content-type": contentType } : {}), etag: '"v1"' },
      }),
  });
  return { client, kept };
}

const options = { purpose: "testing answer bodies" };

describe("successful GET answers", () => {
  it("are parsed as JSON, and the ETag cache keeps the text exactly as GitHub sent it", async () => {
    const text = '{"id":9007199254740991,"name":"svc","nested":[1,2,{"a":null}],"spaced" : true}';
    const { client, kept } = clientAnswering(text, "application/json; charset=utf-8");
    expect(await client.get("GET /repos/acme/svc", {}, options)).toEqual({
      id: 9007199254740991,
      name: "svc",
      nested: [1, 2, { a: null }],
      spaced: true,
    });
    expect([...kept.values()].map((entry) => entry.body)).toEqual([text]);
  });

  it("keep JSON that does not parse as its text, as Octokit does", async () => {
    const { client } = clientAnswering("{not json", "application/json");
    expect(await client.get("GET /repos/acme/svc", {}, options)).toBe("{not json");
  });

  it("of a raw media type are text, not parsed", async () => {
    const { client } = clientAnswering('{"looks":"like json"}', "application/vnd.github.raw; charset=utf-8");
    expect(await client.get("GET /repos/acme/svc/contents/a.json", {}, options)).toBe(
      '{"looks":"like json"}',
    );
  });

  it("of plain text or no content type are text; binary ones are bytes", async () => {
    expect(await clientAnswering("hello", "text/plain").client.get("GET /a", {}, options)).toBe("hello");
    expect(await clientAnswering("hello", undefined).client.get("GET /a", {}, options)).toBe("hello");
    const bytes = await clientAnswering(new Uint8Array([1, 2, 3]), "application/octet-stream").client.get(
      "GET /a",
      {},
      options,
    );
    expect(bytes).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(bytes as ArrayBuffer)]).toEqual([1, 2, 3]);
  });
});
