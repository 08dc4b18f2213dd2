/**
 * A scripted fake `fetch` for Octokit: routes answer by method and path, every request is recorded in a
 * log (method, path, query, headers, body) so tests assert what was asked, in which order.
 */
import pino from "pino";
import { GitHubClient } from "../../src/github/client/github-client.js";
import { defaultRateLimitPolicy, type RateLimitPolicy } from "../../src/github/client/rate-limit-policy.js";
import { createTokenContext, type GitHubContext } from "../../src/github/github-context.js";
import { type GitHubSettings, parseGitHubSettings } from "../../src/github/github-settings.js";

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  url: string;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

type Handler = (request: LoggedRequest, call: number) => FakeResponse;

export class FakeGitHub {
  readonly log: LoggedRequest[] = [];
  private readonly routes = new Map<string, { handler: Handler; calls: number }>();

  constructor(readonly origin = "https://api.github.com") {}

  /** Answers `METHOD /path` (path without query; `/api/v3` prefix included for GHES). */
  on(method: string, path: string, handler: Handler | FakeResponse): this {
    const fn: Handler = typeof handler === "function" ? handler : () => handler;
    this.routes.set(`${method.toUpperCase()} ${path}`, { handler: fn, calls: 0 });
    return this;
  }

  /** A listing answered in pages of the given items, with `Link: rel="next"` headers between them. */
  onPages(path: string, pages: unknown[][]): this {
    return this.on("GET", path, (request) => {
      const page = Number(request.query.page ?? "1");
      const headers: Record<string, string> = {};
      if (page < pages.length) {
        const next = new URL(`${this.origin}${path}`);
        for (const [key, value] of Object.entries(request.query)) next.searchParams.set(key, value);
        next.searchParams.set("page", String(page + 1));
        headers.link = `<${next.toString()}>; rel="next", <${this.origin}${path}?page=${pages.length}>; rel="last"`;
      }
      return { body: pages[page - 1] ?? [], headers };
    });
  }

  requests(method: string, path: string): LoggedRequest[] {
    return this.log.filter((entry) => entry.method === method && entry.path === path);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
    const entry: LoggedRequest = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: text ? JSON.parse(text) : undefined,
      url: request.url,
    };
    this.log.push(entry);
    const route = this.routes.get(`${entry.method} ${entry.path}`);
    if (!route) {
      return json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
    }
    route.calls += 1;
    const answer = route.handler(entry, route.calls);
    return json(answer.status ?? 200, answer.body ?? null, answer.headers);
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export const silentLogger = pino({ level: "silent" });

/** Retries in tests wait milliseconds, not seconds. */
export const fastPolicy: RateLimitPolicy = {
  ...defaultRateLimitPolicy,
  retryAfterBaseMs: 1,
  writeSpacingMs: 0,
};

let contexts = 0;

export function fakeContext(
  fake: FakeGitHub,
  settings: Record<string, unknown> = {},
  policy: RateLimitPolicy = fastPolicy,
): GitHubContext & { client: GitHubClient } {
  // A token per context: Octokit's throttling and the client's pacing are per credential.
  contexts += 1;
  const parsed: GitHubSettings = parseGitHubSettings({ githubToken: `ghp_test${contexts}`, ...settings });
  const client = GitHubClient.create({
    baseUrl: parsed.githubHost,
    credential: { type: "token", token: parsed.githubToken ?? "" },
    logger: silentLogger,
    reservationThresholdPercent: parsed.resyncRatelimitReservationThreshold,
    fetch: fake.fetch,
    policy,
  });
  return { ...createTokenContext(parsed, client, silentLogger), client };
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const result: T[][] = [];
  for await (const page of pages) result.push(page);
  return result;
}
