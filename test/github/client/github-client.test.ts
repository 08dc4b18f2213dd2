import { describe, expect, it } from "vitest";
import { isPortolanError, type PortolanError } from "../../../src/engine/errors/portolan-error.js";
import { GitHubClient, nextLink, shrinkPage } from "../../../src/github/client/github-client.js";
import { shouldRetryRateLimit } from "../../../src/github/client/rate-limit-policy.js";
import { detectTokenKind } from "../../../src/github/client/token-kind.js";
import { FakeGitHub, fastPolicy, silentLogger } from "../fake-github.js";

function client(fake: FakeGitHub, token = "ghp_abc", baseUrl = "https://api.github.com") {
  return GitHubClient.create({
    baseUrl,
    credential: { type: "token", token },
    logger: silentLogger,
    fetch: fake.fetch,
    policy: fastPolicy,
  });
}

async function rejection(promise: Promise<unknown>): Promise<PortolanError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPortolanError(error)) throw new Error(`expected a PortolanError, got ${String(error)}`);
  return error;
}

const purpose = { purpose: "testing" };

describe("GitHubClient", () => {
  it("sends the recommended headers and a Bearer token", async () => {
    const fake = new FakeGitHub().on("GET", "/user", { body: { login: "me" } });
    await client(fake).get("GET /user", {}, purpose);
    const [entry] = fake.log;
    expect(entry?.headers.accept).toBe("application/vnd.github+json");
    expect(entry?.headers["x-github-api-version"]).toBe("2022-11-28");
    expect(entry?.headers.authorization).toBe("Bearer ghp_abc");
    expect(entry?.headers["user-agent"]).toMatch(/^portolan /);
  });

  it("talks to a GitHub Enterprise Server /api/v3 base", async () => {
    const fake = new FakeGitHub("https://ghe.example.com").on("GET", "/api/v3/orgs/acme/repos", {
      body: [{ id: 1 }],
    });
    const pages = [];
    for await (const page of client(fake, "ghp_x", "https://ghe.example.com/api/v3").pages(
      "GET /orgs/{org}/repos",
      { org: "acme" },
      purpose,
    ))
      pages.push(page);
    expect(pages).toEqual([[{ id: 1 }]]);
    expect(fake.log[0]?.url).toBe("https://ghe.example.com/api/v3/orgs/acme/repos?per_page=100");
  });

  it("detects the token kind from its prefix", () => {
    expect(detectTokenKind("ghp_x")).toBe("classic");
    expect(detectTokenKind("github_pat_11AAA_x")).toBe("fine-grained");
    expect(detectTokenKind("ghs_x")).toBe("installation");
    expect(detectTokenKind("gho_x")).toBe("oauth");
    expect(detectTokenKind("0123456789abcdef0123456789abcdef01234567")).toBe("unknown");
    expect(client(new FakeGitHub(), "github_pat_x").tokenKind).toBe("fine-grained");
  });

  it("401 is GITHUB_BAD_CREDENTIALS at once (not retried, not an empty result)", async () => {
    const fake = new FakeGitHub().on("GET", "/orgs/acme/repos", {
      status: 401,
      body: { message: "Bad credentials" },
    });
    const pages = client(fake).pages("GET /orgs/{org}/repos", { org: "acme" }, { purpose: "listing repos" });
    const error = await rejection(
      (async () => {
        for await (const _ of pages) {
        }
      })(),
    );
    expect(error.code).toBe("GITHUB_BAD_CREDENTIALS");
    expect(error.message).toContain("listing repos");
    expect(error.hint).toContain("githubToken");
    expect(error.where?.source).toBe("GET /orgs/acme/repos");
    expect(fake.log).toHaveLength(1);
  });

  it("403 with X-Accepted-GitHub-Permissions names the fine-grained permission", async () => {
    const fake = new FakeGitHub().on("GET", "/orgs/acme/hooks", {
      status: 403,
      headers: { "x-accepted-github-permissions": "organization_hooks=read" },
      body: { message: "Resource not accessible by personal access token" },
    });
    const error = await rejection(client(fake, "github_pat_x").get("GET /orgs/acme/hooks", {}, purpose));
    expect(error.code).toBe("GITHUB_MISSING_PERMISSION");
    expect(error.message).toContain("organization_hooks=read");
    expect(fake.log).toHaveLength(1);
  });

  it("403 of a classic token names the accepted scopes and the ones it has", async () => {
    const fake = new FakeGitHub().on("GET", "/orgs/acme/hooks", {
      status: 403,
      headers: { "x-accepted-oauth-scopes": "admin:org_hook, read:org_hook", "x-oauth-scopes": "repo" },
      body: { message: "Must have admin rights to Repository." },
    });
    const error = await rejection(client(fake).get("GET /orgs/acme/hooks", {}, purpose));
    expect(error.code).toBe("GITHUB_MISSING_PERMISSION");
    expect(error.message).toContain("admin:org_hook");
    expect(error.message).toContain("the token has: repo");
  });

  it("403 without headers falls back to the endpoint's known permission", async () => {
    const fake = new FakeGitHub().on("GET", "/repos/acme/svc/contents/README.md", {
      status: 403,
      body: { message: "Resource not accessible by personal access token" },
    });
    const error = await rejection(client(fake).get("GET /repos/acme/svc/contents/README.md", {}, purpose));
    expect(error.code).toBe("GITHUB_MISSING_PERMISSION");
    expect(error.message).toContain("Contents: read-only");
  });

  it("403 for SAML SSO says where to authorize the token", async () => {
    const fake = new FakeGitHub().on("GET", "/user/orgs", {
      status: 403,
      headers: { "x-github-sso": "required; url=https://github.com/orgs/acme/sso?authorization_request=1" },
      body: { message: "Resource protected by organization SAML enforcement." },
    });
    const error = await rejection(client(fake).get("GET /user/orgs", {}, purpose));
    expect(error.code).toBe("GITHUB_SSO_REQUIRED");
    expect(error.hint).toContain("https://github.com/orgs/acme/sso");
  });

  it("getOrNull maps 404 to null, other errors still throw", async () => {
    const fake = new FakeGitHub();
    expect(await client(fake).getOrNull("GET /repos/a/b", {}, purpose)).toBeNull();
    const error = await rejection(client(fake).get("GET /repos/a/b", {}, purpose));
    expect(error.code).toBe("GITHUB_NOT_FOUND");
    expect(error.hint).toContain("Metadata");
  });

  it("waits out a primary rate limit once, then succeeds", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    const fake = new FakeGitHub().on("GET", "/user", (_request, call) =>
      call === 1
        ? {
            status: 403,
            headers: {
              "x-ratelimit-remaining": "0",
              "x-ratelimit-reset": reset,
              "x-ratelimit-limit": "5000",
            },
            body: { message: "API rate limit exceeded for user ID 1." },
          }
        : { body: { login: "me" } },
    );
    expect(await client(fake).get("GET /user", {}, purpose)).toEqual({ login: "me" });
    expect(fake.log).toHaveLength(2);
  });

  it("retries a secondary rate limit a bounded number of times, then GITHUB_RATE_LIMITED", async () => {
    const fake = new FakeGitHub().on("GET", "/user", {
      status: 403,
      headers: { "retry-after": "1" },
      body: {
        message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      },
    });
    const error = await rejection(client(fake).get("GET /user", {}, purpose));
    expect(error.code).toBe("GITHUB_RATE_LIMITED");
    expect(fake.log).toHaveLength(1 + fastPolicy.secondary.maxRetries);
  });

  it("a 429 is retried by the throttling policy only (not twice over by the retry plugin)", async () => {
    const fake = new FakeGitHub().on("GET", "/user", {
      status: 429,
      headers: { "retry-after": "1" },
      body: { message: "You have exceeded a secondary rate limit." },
    });
    const error = await rejection(client(fake).get("GET /user", {}, purpose));
    expect(error.code).toBe("GITHUB_RATE_LIMITED");
    expect(fake.log).toHaveLength(1 + fastPolicy.secondary.maxRetries);
  });

  it("does not retry a rate limit whose wait exceeds the policy", () => {
    expect(shouldRetryRateLimit(fastPolicy, "primary", 10_000, 0)).toBe(false);
    expect(shouldRetryRateLimit(fastPolicy, "primary", 30, 0)).toBe(true);
    expect(shouldRetryRateLimit(fastPolicy, "primary", 30, 1)).toBe(false);
  });

  it("retries server errors, then fails with GITHUB_REQUEST_FAILED", async () => {
    const fake = new FakeGitHub().on("GET", "/user", { status: 502, body: { message: "Bad Gateway" } });
    const error = await rejection(client(fake).get("GET /user", {}, purpose));
    expect(error.code).toBe("GITHUB_REQUEST_FAILED");
    expect(fake.log).toHaveLength(1 + fastPolicy.serverErrors.maxRetries);
  });

  it("a network failure is GITHUB_UNREACHABLE naming the host", async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    const github = GitHubClient.create({
      baseUrl: "http://127.0.0.1:9",
      credential: { type: "token", token: "ghp_x" },
      logger: silentLogger,
      fetch: failing,
      policy: { ...fastPolicy, serverErrors: { ...fastPolicy.serverErrors, maxRetries: 0 } },
    });
    const error = await rejection(github.get("GET /user", {}, purpose));
    expect(error.code).toBe("GITHUB_UNREACHABLE");
    expect(error.message).toContain("http://127.0.0.1:9");
  });

  it("asks a failing listing page again with half the page size, from the same offset", async () => {
    const items = Array.from({ length: 120 }, (_, index) => ({ id: index + 1 }));
    const fake = new FakeGitHub().on("GET", "/orgs/acme/repos", (request) => {
      const perPage = Number(request.query.per_page ?? 30);
      const page = Number(request.query.page ?? 1);
      if (perPage > 50) return { status: 502, body: { message: "Server Error" } };
      const headers: Record<string, string> = {};
      if (page * perPage < items.length) {
        headers.link = `<https://api.github.com/orgs/acme/repos?per_page=${perPage}&page=${page + 1}>; rel="next"`;
      }
      return { body: items.slice((page - 1) * perPage, page * perPage), headers };
    });
    const github = GitHubClient.create({
      baseUrl: "https://api.github.com",
      credential: { type: "token", token: "ghp_shrink" },
      logger: silentLogger,
      fetch: fake.fetch,
      policy: { ...fastPolicy, serverErrors: { ...fastPolicy.serverErrors, maxRetries: 0 } },
    });
    const pages: Array<Array<{ id: number }>> = [];
    for await (const page of github.pages<{ id: number }>(
      "GET /orgs/{org}/repos",
      { org: "acme" },
      purpose,
    )) {
      pages.push(page);
    }
    expect(pages.map((page) => page.length)).toEqual([50, 50, 20]);
    expect(pages.flat().map((item) => item.id)).toEqual(items.map((item) => item.id));
    expect(fake.log.map((entry) => `${entry.query.per_page}/${entry.query.page ?? 1}`)).toEqual([
      "100/1",
      "50/1",
      "50/2",
      "50/3",
    ]);
  });

  it("shrinks page numbers so the offset stays, and stops at 25", () => {
    expect(shrinkPage({ route: "GET https://x.test/r?per_page=100&page=3", params: {} })?.route).toBe(
      "GET https://x.test/r?per_page=50&page=5",
    );
    expect(shrinkPage({ route: "GET /r", params: { per_page: 50, page: 2 } })?.params).toEqual({
      per_page: 25,
      page: 3,
    });
    expect(shrinkPage({ route: "GET /r", params: { per_page: 25 } })).toBeUndefined();
  });

  it("follows Link rel=next verbatim", () => {
    expect(
      nextLink(
        '<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"',
      ),
    ).toBe("https://api.github.com/x?page=2");
    expect(nextLink('<https://api.github.com/x?page=1>; rel="prev"')).toBeUndefined();
  });
});
