/**
 * One GitHub client per credential: an Octokit bound to one host and token, with requests that fail as
 * `PortolanError`s and listings that stream page by page.
 */
import { createHash } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { createAppAuth } from "@octokit/auth-app";
import type { ThrottlingOptions } from "@octokit/plugin-throttling";
import type { Logger } from "pino";
import { installConditionalRequests } from "./conditional-requests.js";
import type { EtagCacheSlot } from "./etag-cache.js";
import { GitHubOctokit, githubRestHeaders } from "./github-octokit.js";
import { createInstallationTokenCache } from "./installation-token-cache.js";
import { installNativeJsonBodies } from "./native-json-bodies.js";
import { quotaResourceOf, RateLimitBudget, type Sleep, type Traffic } from "./rate-limit-budget.js";
import { credentialLabel, processRateLimits, type RateLimitObservations } from "./rate-limit-observations.js";
import {
  defaultRateLimitPolicy,
  type RateLimitKind,
  type RateLimitPolicy,
  shouldRetryRateLimit,
} from "./rate-limit-policy.js";
import { keepRead, recallRead, rememberedRead } from "./remembered-reads.js";
import { pacedRequestOf, RequestPacing } from "./request-pacing.js";
import {
  inFlightGroup,
  retryScheduler,
  type ThrottlingSchedulers,
  unpacedGroup,
} from "./throttling-schedulers.js";
import { detectTokenKind, type TokenKind } from "./token-kind.js";
import { isRequestErrorLike, type RequestContext, translateRequestError } from "./translate-request-error.js";
import { undiciFetch } from "./undici-fetch.js";
import { wholeBodyFetch } from "./whole-body-fetch.js";

/** How a client authenticates: a personal access token, or a GitHub App (as the app, or as one installation). */
export type GitHubCredential =
  | { type: "token"; token: string }
  | { type: "app"; appId: string; privateKey: string; installationId?: number };

export interface GitHubClientOptions {
  /** REST base URL without trailing `/`: `https://api.github.com` or `https://ghes.example.com/api/v3`. */
  baseUrl: string;
  credential: GitHubCredential;
  logger: Logger;
  /** Replaces the global `fetch` (tests pass a scripted one). */
  fetch?: typeof fetch;
  policy?: RateLimitPolicy;
  /** `resyncRatelimitReservationThreshold`: quota percentage after which resync requests wait (default 95). */
  reservationThresholdPercent?: number;
  /** How the client waits for a quota reset (tests replace it). */
  sleep?: Sleep;
  /** Where REST GETs keep their ETags and bodies for conditional requests (none: unconditional). */
  etagCache?: EtagCacheSlot;
  /** Where the quotas GitHub reports go, for `/metrics` (default: the process-wide observations). */
  rateLimits?: RateLimitObservations;
}

export interface GitHubResponse<T> {
  status: number;
  headers: Record<string, string | number | undefined>;
  data: T;
  url: string;
}

/** Where a request runs: its cancellation signal and whether it is resync or live traffic. */
export interface RequestScope {
  signal?: AbortSignal;
  /** `resync` requests respect the quota reservation; `live` (the default) ones never wait for it. */
  traffic?: Traffic;
}

export interface RequestOptions extends RequestContext, RequestScope {
  /** Extra request headers, e.g. a media type. */
  headers?: Record<string, string>;
  /** JSON request body (POST/PATCH). */
  body?: Record<string, unknown>;
}

type Params = Record<string, string | number | boolean | undefined>;

/**
 * `fetch` that aborts a request unanswered after `timeoutMs`; the caller's own signal still cancels it.
 * The abort reaches Octokit as a network failure, which its retry plugin retries like a 5xx.
 */
function withTimeout(base: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, signal });
  };
}

/** Requests of one credential in flight at once (Octokit's throttling default, and Ocean's, spec §3). */
const REST_IN_FLIGHT = 10;

export class GitHubClient {
  readonly baseUrl: string;
  readonly tokenKind: TokenKind;
  readonly octokit: GitHubOctokit;
  readonly logger: Logger;
  /** Which kind of credential signs the requests (for error hints). */
  readonly credential: "token" | "app";
  private readonly budget: RateLimitBudget;
  private readonly etagCache: EtagCacheSlot | undefined;
  /** Host and credential (told apart without revealing it): what a remembered read was allowed to see. */
  private readonly rememberedScope: string;
  private readonly pacing: RequestPacing;

  private constructor(options: GitHubClientOptions) {
    this.baseUrl = options.baseUrl;
    const { credential } = options;
    this.tokenKind =
      credential.type === "token"
        ? detectTokenKind(credential.token)
        : credential.installationId === undefined
          ? "app"
          : "installation";
    this.logger = options.logger;
    this.credential = credential.type;
    const policy = options.policy ?? defaultRateLimitPolicy;
    const log = options.logger.child({ component: "octokit" });
    const identity =
      credential.type === "token"
        ? credential.token
        : `app:${credential.appId}:${credential.installationId ?? ""}`;
    const rateLimits = options.rateLimits ?? processRateLimits;
    const label = credentialLabel(credential, this.tokenKind);
    this.etagCache = options.etagCache;
    this.rememberedScope = `${options.baseUrl}\n${label}`;
    this.budget = new RateLimitBudget({
      onObserve: (resource, quota) => rateLimits.record({ credential: label, resource, ...quota }),
      thresholdPercent: options.reservationThresholdPercent ?? 95,
      sleep: options.sleep ?? ((ms, signal) => delay(ms, undefined, signal ? { signal } : {})),
      onWait: (details) =>
        log.info(
          details,
          "resync paused until the rate-limit reset, keeping the rest of the quota for live events",
        ),
    });
    this.pacing = new RequestPacing({ writeSpacingMs: policy.writeSpacingMs });
    // Retry while the policy allows, and log each limit either way.
    const rateLimitHandler =
      (kind: RateLimitKind, message: string) =>
      (
        retryAfter: number,
        request: { method: string; url: string },
        _octokit: unknown,
        retryCount: number,
      ) => {
        const retrying = shouldRetryRateLimit(policy, kind, retryAfter, retryCount);
        log.warn({ method: request.method, url: request.url, retryAfter, retryCount, retrying }, message);
        return retrying;
      };
    const throttle: ThrottlingOptions & ThrottlingSchedulers = {
      // Bottleneck groups are process-wide and keyed by id: one id per credential and host.
      id: `portolan:${createHash("sha256").update(`${options.baseUrl}\n${identity}`).digest("hex").slice(0, 16)}`,
      retryAfterBaseValue: policy.retryAfterBaseMs,
      // Lighter schedulers than the plugin's Bottleneck ones (`throttling-schedulers.ts`).
      global: inFlightGroup(REST_IN_FLIGHT),
      retryLimiter: retryScheduler(),
      write: unpacedGroup,
      onRateLimit: rateLimitHandler("primary", "GitHub rate limit exhausted"),
      onSecondaryRateLimit: rateLimitHandler("secondary", "GitHub secondary rate limit hit"),
    };
    this.octokit = new GitHubOctokit({
      baseUrl: options.baseUrl,
      userAgent: "portolan",
      request: {
        fetch: withTimeout(
          options.fetch ? wholeBodyFetch(options.fetch) : undiciFetch(),
          policy.requestTimeoutMs,
        ),
      },
      // An App client signs app-level requests (`/app/…`) with a JWT and everything else with an
      // installation token that @octokit/auth-app mints; our cache renews it before its `expires_at`.
      ...(credential.type === "app"
        ? {
            authStrategy: createAppAuth,
            auth: {
              appId: credential.appId,
              privateKey: credential.privateKey,
              cache: createInstallationTokenCache(),
              ...(credential.installationId !== undefined
                ? { installationId: credential.installationId }
                : {}),
            },
          }
        : {}),
      log: {
        debug: (message: string) => log.debug(message),
        info: (message: string) => log.info(message),
        warn: (message: string) => log.warn(message),
        error: (message: string) => log.error(message),
      },
      retry: {
        retries: policy.serverErrors.maxRetries,
        doNotRetry: [...policy.serverErrors.doNotRetry],
        retryAfterBaseValue: policy.retryAfterBaseMs,
      },
      throttle,
    });
    this.octokit.hook.before("request", (request) => {
      const headers = request.headers as Record<string, string | undefined>;
      if (credential.type === "token") headers.authorization = `Bearer ${credential.token}`;
      if (headers.accept === undefined || headers.accept === "application/vnd.github.v3+json") {
        headers.accept = githubRestHeaders.accept;
      }
      headers["x-github-api-version"] = githubRestHeaders["x-github-api-version"];
    });
    // Registered first, so it runs inside the conditional requests and hands them the answer's text.
    installNativeJsonBodies(this.octokit);
    if (options.etagCache) installConditionalRequests(this.octokit, options.etagCache);
  }

  static create(options: GitHubClientOptions): GitHubClient {
    return new GitHubClient(options);
  }

  /** One request; any failure is a `PortolanError` saying what the integration was doing. */
  async request<T>(route: string, params: Params, options: RequestOptions): Promise<GitHubResponse<T>> {
    await this.budget.reserve(options.traffic ?? "live", quotaResourceOf(route), options.signal);
    try {
      const response = await this.send(route, params, options);
      this.budget.observe(response.headers as Record<string, string | number | undefined>);
      return {
        status: response.status,
        headers: response.headers as Record<string, string | number | undefined>,
        data: response.data as T,
        url: response.url,
      };
    } catch (error) {
      this.observeFailure(error);
      throw translateRequestError(error, { ...options, credential: this.credential });
    }
  }

  private send(route: string, params: Params, options: RequestOptions) {
    return this.pacing.run(pacedRequestOf(route), () =>
      this.octokit.request(route, requestParameters(params, options)),
    );
  }

  private observeFailure(error: unknown): void {
    if (isRequestErrorLike(error)) this.budget.observe(error.response?.headers);
  }

  /**
   * `read()`'s answer kept in the store until `version` changes (`remembered-reads.ts`), per host and
   * credential: unlike a 304, answering from the store asks GitHub nothing, so what one credential may
   * read is never shown to another. Without a store (or a version) it simply reads.
   */
  remember<T extends object | string | number | boolean | null>(
    key: string,
    version: string | undefined,
    read: () => Promise<T>,
  ): Promise<T> {
    return rememberedRead(this.etagCache?.cache, this.rememberedKey(key), version, read);
  }

  /** What `remember` kept for this `version` of `key`, without reading (for reads made in batches). */
  recall<T extends object | string | number | boolean | null>(
    key: string,
    version: string | undefined,
  ): Promise<{ answer: T } | undefined> {
    return recallRead<T>(this.etagCache?.cache, this.rememberedKey(key), version);
  }

  /** Keeps a batch-read `answer` for this `version` of `key`, as `remember` would have. */
  keep(
    key: string,
    version: string | undefined,
    answer: object | string | number | boolean | null,
  ): Promise<void> {
    return keepRead(this.etagCache?.cache, this.rememberedKey(key), version, answer);
  }

  /** A remembered read's key, per host and credential. */
  private rememberedKey(key: string): string {
    return `${this.rememberedScope}\n${key}`;
  }

  /**
   * Whether `resource`'s quota (`core`, `search`, `graphql`) is down to the part the reservation keeps
   * for live events, as the last response reported it: background checks skip their turn then.
   */
  quotaReserved(resource: string): boolean {
    return this.budget.isReserved(resource);
  }

  /** The body of one GET. */
  async get<T>(route: string, params: Params, options: RequestOptions): Promise<T> {
    return (await this.request<T>(route, params, options)).data;
  }

  /** The body of one GET, or `null` when GitHub answers 404 (a file or repository that is not there). */
  async getOrNull<T>(route: string, params: Params, options: RequestOptions): Promise<T | null> {
    await this.budget.reserve(options.traffic ?? "live", quotaResourceOf(route), options.signal);
    try {
      const response = await this.send(route, params, options);
      this.budget.observe(response.headers as Record<string, string | number | undefined>);
      return response.data as T;
    } catch (error) {
      this.observeFailure(error);
      if (isRequestErrorLike(error) && error.status === 404) return null;
      throw translateRequestError(error, { ...options, credential: this.credential });
    }
  }

  /**
   * A listing, one page at a time (`per_page=100` unless given), following `Link: rel="next"`.
   * Envelopes (`{items: [...]}`, `{repositories: [...]}`) are unwrapped. Empty pages are not yielded.
   * A page that keeps failing with a server error (GitHub times out on heavy pages) is asked again with
   * half the page size, down to 25, from the same offset (spec §3.4); later pages keep the smaller size.
   */
  async *pages<T>(route: string, params: Params, options: RequestOptions): AsyncIterable<T[]> {
    let page: PageRequest | undefined = { route, params: { per_page: 100, ...params } };
    while (page !== undefined) {
      const response = await this.requestPage(page, options);
      const items = listItems<T>(response.data);
      if (items.length > 0) yield items;
      const next = nextLink(response.headers.link);
      page = next === undefined ? undefined : { route: `GET ${next}`, params: {} };
    }
  }

  private async requestPage(page: PageRequest, options: RequestOptions): Promise<GitHubResponse<unknown>> {
    let current = page;
    for (;;) {
      try {
        return await this.request<unknown>(current.route, current.params, options);
      } catch (error) {
        const smaller = isServerError(error) ? shrinkPage(current) : undefined;
        if (smaller === undefined) throw error;
        this.logger.warn(
          { route: current.route, params: current.params, retryWith: smaller.params, url: smaller.route },
          "GitHub server error on a listing page: asking again with a smaller page",
        );
        current = smaller;
      }
    }
  }
}

/**
 * Octokit merges these over its defaults key by key: an explicit `request: undefined` would drop the
 * default `request` object (and with it every plugin hook), so absent options are left out.
 */
function requestParameters(params: Params, options: RequestOptions): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) result[key] = value;
  if (options.headers) result.headers = options.headers;
  if (options.body) result.data = options.body;
  if (options.signal) result.request = { signal: options.signal };
  return result;
}

interface PageRequest {
  route: string;
  params: Params;
}

const smallestPage = 25;

function isServerError(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  return isRequestErrorLike(cause) && cause.response !== undefined && cause.status >= 500;
}

/**
 * The same offset with half the page size: items of page p of size s start on page 2p−1 of size s/2.
 * `undefined` once the page size is at its floor.
 */
export function shrinkPage(page: PageRequest): PageRequest | undefined {
  const halve = (perPage: number, pageNumber: number) =>
    perPage > smallestPage
      ? { perPage: Math.max(Math.floor(perPage / 2), smallestPage), page: 2 * pageNumber - 1 }
      : undefined;
  const absolute = /^GET (https?:\/\/\S+)$/.exec(page.route);
  if (absolute?.[1]) {
    const url = new URL(absolute[1]);
    const perPage = Number(url.searchParams.get("per_page") ?? "30");
    const next = halve(perPage, Number(url.searchParams.get("page") ?? "1"));
    if (!next) return undefined;
    url.searchParams.set("per_page", String(next.perPage));
    url.searchParams.set("page", String(next.page));
    return { route: `GET ${url.toString()}`, params: page.params };
  }
  const next = halve(Number(page.params.per_page ?? 30), Number(page.params.page ?? 1));
  if (!next) return undefined;
  return { route: page.route, params: { ...page.params, per_page: next.perPage, page: next.page } };
}

const envelopeKeys = [
  "items",
  "repositories",
  "installations",
  "workflows",
  "workflow_runs",
  "environments",
  "variables",
] as const;

function listItems<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === "object") {
    for (const key of envelopeKeys) {
      const value = (data as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value as T[];
    }
  }
  return [];
}

export function nextLink(link: string | number | undefined): string | undefined {
  if (typeof link !== "string") return undefined;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return match[1];
  }
  return undefined;
}
