import { PortolanError } from "../engine/errors/portolan-error.js";
import { RETRY_STATUSES, retryDelayMs } from "./retry-delay.js";

export interface PortApiClientOptions {
  /** Port's API, e.g. `https://api.getport.io` (the `/v1` prefix is added here). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** `port-ocean/{type}/{version}`: the start of the User-Agent Port derives ownership from. */
  agent: { type: string; version: string };
  /** Retries after the first attempt (Ocean: 10). */
  maxRetries?: number;
  /** First backoff when the server names no delay (Ocean: 300 ms), doubled per retry. */
  baseDelayMs?: number;
  timeoutMs?: number;
}

export interface PortRequest {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Below `/v1`, e.g. `/blueprints/repository`. */
  path: string;
  query?: Record<string, string | boolean | readonly string[] | undefined>;
  body?: unknown;
  /**
   * The integration identifier a write or search is made for: the User-Agent then ends in
   * `/{identifier}/exporter`, which makes Port record this integration as the entities' owner.
   */
  owner?: string;
  /** POSTs are retried only when marked (entity writes and searches are; creating things is not). */
  retryable?: boolean;
  /** Statuses the caller handles itself (e.g. 404 for "does not exist yet"). */
  accept?: readonly number[];
}

export interface PortResponse<Body> {
  status: number;
  body: Body;
}

interface Token {
  header: string;
  expiresAt: number;
}

const IDEMPOTENT = new Set(["GET", "PUT", "DELETE"]);
const NOT_RETRIED: ReadonlySet<number> = new Set();
/** The token request is retried like any call, except on 401: wrong credentials stay wrong. */
const TOKEN_RETRY_STATUSES: ReadonlySet<number> = new Set(
  [...RETRY_STATUSES].filter((status) => status !== 401),
);

/**
 * Port's REST API as Ocean calls it (§7.1): client-credentials token cached until it expires,
 * Ocean's User-Agent, retries with backoff on 408/429/5xx and transport errors (honouring
 * Retry-After), and a token refresh when a call answers 401.
 */
export class PortApiClient {
  private token: Token | undefined;
  private tokenRequest: Promise<Token> | undefined;
  private readonly apiUrl: string;

  constructor(private readonly options: PortApiClientOptions) {
    this.apiUrl = `${options.baseUrl.replace(/\/+$/, "")}/v1`;
  }

  /** `port-ocean/{type}/{version}/{identifier}/exporter` for owned calls, without the tail otherwise. */
  userAgent(owner?: string): string {
    const base = `port-ocean/${this.options.agent.type}/${this.options.agent.version}`;
    return owner === undefined ? base : `${base}/${owner}/exporter`;
  }

  async request<Body>(request: PortRequest): Promise<PortResponse<Body>> {
    const retryable = request.retryable === true || IDEMPOTENT.has(request.method);
    const url = this.url(request);
    const response = await this.send(
      request.method,
      url,
      async () => ({
        headers: {
          authorization: await this.authorization(),
          "user-agent": this.userAgent(request.owner),
          ...(request.body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      }),
      retryable ? RETRY_STATUSES : NOT_RETRIED,
    );
    if (response.ok || request.accept?.includes(response.status)) {
      return { status: response.status, body: (await readJson(response)) as Body };
    }
    throw await requestFailed(request.method, url, response);
  }

  private url(request: PortRequest): string {
    const url = new URL(`${this.apiUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
    }
    return url.toString();
  }

  /**
   * One call under Ocean's retry policy: transport errors and `retryStatuses` are retried (empty:
   * not retried at all) with backoff. `init` is built per attempt, so a retry after a 401 carries
   * a fresh token.
   */
  private async send(
    method: string,
    url: string,
    init: () => Promise<RequestInit>,
    retryStatuses: ReadonlySet<number>,
  ): Promise<Response> {
    const maxRetries = retryStatuses.size === 0 ? 0 : (this.options.maxRetries ?? 10);
    const baseDelayMs = this.options.baseDelayMs ?? 300;
    for (let attempt = 0; ; attempt++) {
      const options = await init();
      let response: Response;
      try {
        response = await fetch(url, {
          ...options,
          method,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
        });
      } catch (error) {
        if (attempt >= maxRetries) {
          throw new PortolanError("PORT_API_UNREACHABLE", `${method} ${url} failed: ${describe(error)}`, {
            hint: "Check PORT_BASE_URL and the network between Portolan and Port.",
            cause: error,
          });
        }
        await sleep(retryDelayMs(attempt + 1, undefined, baseDelayMs));
        continue;
      }
      if (!retryStatuses.has(response.status) || attempt >= maxRetries) return response;
      // A 401 means the cached token was revoked or expired early: the next attempt gets a new one.
      if (response.status === 401) this.token = undefined;
      await response.body?.cancel();
      await sleep(retryDelayMs(attempt + 1, response.headers, baseDelayMs));
    }
  }

  /** The cached token while it lasts (no early refresh, as Ocean); one token request at a time. */
  private async authorization(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.header;
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = undefined;
    });
    this.token = await this.tokenRequest;
    return this.token.header;
  }

  private async fetchToken(): Promise<Token> {
    const url = `${this.apiUrl}/auth/access_token`;
    const response = await this.send(
      "POST",
      url,
      async () => ({
        headers: { "content-type": "application/json", "user-agent": this.userAgent() },
        body: JSON.stringify({ clientId: this.options.clientId, clientSecret: this.options.clientSecret }),
      }),
      TOKEN_RETRY_STATUSES,
    );
    if (response.status === 401 || response.status === 403 || response.status === 422) {
      await response.body?.cancel();
      throw new PortolanError(
        "PORT_API_BAD_CREDENTIALS",
        `Port refused the client id and secret (${response.status})`,
        {
          hint: "Set PORT_CLIENT_ID and PORT_CLIENT_SECRET to an API client's credentials (Port: Settings → Credentials).",
        },
      );
    }
    if (!response.ok) throw await requestFailed("POST", url, response);
    const body = (await readJson(response)) as
      | { accessToken?: unknown; expiresIn?: number; tokenType?: string }
      | undefined;
    if (typeof body?.accessToken !== "string") {
      throw new PortolanError("PORT_API_BAD_CREDENTIALS", `${url} answered without an accessToken`, {
        hint: "Check that PORT_BASE_URL points at Port's API.",
      });
    }
    return {
      header: `${body.tokenType ?? "Bearer"} ${body.accessToken}`,
      expiresAt: Date.now() + (body.expiresIn ?? 3600) * 1000,
    };
  }
}

async function requestFailed(method: string, url: string, response: Response) {
  const body = (await readJson(response)) as { error?: unknown; message?: unknown } | undefined;
  const detail = [body?.error, body?.message].filter((part) => typeof part === "string").join(": ");
  const trace = response.headers.get("x-trace-id");
  return new PortolanError(
    "PORT_API_REQUEST_FAILED",
    `${method} ${url} answered ${response.status}${detail ? ` (${detail})` : ""}${trace ? ` [trace ${trace}]` : ""}`,
    { hint: "The message has Port's reason; 5xx and 429 were already retried." },
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
