/**
 * GitHub HTTP failures become `PortolanError`s a person can act on. Known failures are recognised once,
 * here. Unlike Ocean (spec §9.2), 401/403 are never turned into empty results.
 */
import { PortolanError } from "../../engine/errors/portolan-error.js";
import { describePermission, requiredPermissionFor } from "./required-permission.js";

/** The part of `@octokit/request-error`'s `RequestError` we read. */
interface RequestErrorLike {
  status: number;
  message: string;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

export function isRequestErrorLike(error: unknown): error is RequestErrorLike {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { status?: unknown }).status === "number" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

export interface RequestContext {
  /** What the integration was doing, e.g. `listing repositories of organization acme`. */
  purpose: string;
  /** The credential that failed, to say how to fix it (a token, or a GitHub App). */
  credential?: "token" | "app";
}

const appCredentialHint =
  "the App ID or private key is wrong, or the key was revoked: on the App's settings page check the App ID and generate a new private key, then set githubAppId and githubAppPrivateKey";

function rateLimitedError(
  githubMessage: string,
  resetHeader: string | undefined,
  context: RequestContext,
  where: { source: string },
  cause: unknown,
): PortolanError {
  const reset = Number(resetHeader);
  const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : "";
  return new PortolanError(
    "GITHUB_RATE_LIMITED",
    `GitHub's rate limit stopped ${context.purpose}${when} (${githubMessage}); the client already waited and retried as far as its policy allows.`,
    {
      hint: "run the resync later, lower its frequency, or use a GitHub App (its rate limit grows with the organization)",
      where,
      cause,
    },
  );
}

/**
 * GitHub answers a spent GraphQL budget with 200 and a `RATE_LIMITED` error; Octokit's throttling plugin
 * turns that into an error without a status, carrying the response.
 */
function graphqlRateLimit(
  error: unknown,
): { message: string; reset: string | undefined; url: string } | undefined {
  const response = (
    error as { response?: { url?: string; headers?: Record<string, unknown>; data?: unknown } } | null
  )?.response;
  const errors = (response?.data as { errors?: Array<{ type?: string; message?: string }> } | undefined)
    ?.errors;
  const limited = errors?.find((entry) => entry.type === "RATE_LIMITED");
  if (!limited) return undefined;
  const reset = response?.headers?.["x-ratelimit-reset"];
  return {
    message: limited.message ?? "RATE_LIMITED",
    reset: reset === undefined ? undefined : String(reset),
    url: response?.url ?? "",
  };
}

export function translateRequestError(error: unknown, context: RequestContext): unknown {
  if (error instanceof PortolanError) return error;
  const graphqlLimited = graphqlRateLimit(error);
  if (graphqlLimited) {
    const where = { source: `POST ${pathOf(graphqlLimited.url) || graphqlLimited.url}` };
    return rateLimitedError(graphqlLimited.message, graphqlLimited.reset, context, where, error);
  }
  if (!isRequestErrorLike(error)) {
    // Signing the App's JWT fails before any request when the private key cannot be read.
    if (
      context.credential === "app" &&
      error instanceof Error &&
      /DECODER|PEM|asn1|private key|sign/i.test(error.message)
    ) {
      return new PortolanError(
        "GITHUB_BAD_CREDENTIALS",
        `The GitHub App's private key could not be used while ${context.purpose}: ${error.message}.`,
        {
          hint: appCredentialHint,
          where: { source: "integration settings", path: "githubAppPrivateKey" },
          cause: error,
        },
      );
    }
    return error;
  }
  const method = error.request?.method ?? "GET";
  const url = error.request?.url ?? "";
  const path = pathOf(url);
  const where = { source: `${method} ${path || url}` };
  const headers = error.response?.headers ?? {};
  const header = (name: string) => {
    const value = headers[name];
    return value === undefined ? undefined : String(value);
  };
  const githubMessage = messageOf(error);

  if (error.response === undefined && (error.status === 500 || error.status === 0)) {
    return new PortolanError(
      "GITHUB_UNREACHABLE",
      `Could not reach GitHub at ${originOf(url)} while ${context.purpose}: ${error.message}.`,
      { hint: "check githubHost, DNS, proxy and firewall settings", where, cause: error },
    );
  }

  if (error.status === 401) {
    return new PortolanError(
      "GITHUB_BAD_CREDENTIALS",
      `GitHub rejected the ${context.credential === "app" ? "GitHub App's credentials" : "token"} (401 ${githubMessage || "Bad credentials"}) while ${context.purpose}.`,
      {
        hint:
          context.credential === "app"
            ? appCredentialHint
            : "the token is mistyped, expired or revoked: create a new personal access token and set githubToken (OCEAN__INTEGRATION__CONFIG__GITHUB_TOKEN)",
        where,
        cause: error,
      },
    );
  }

  const rateLimited =
    (error.status === 403 || error.status === 429) &&
    (header("x-ratelimit-remaining") === "0" ||
      header("retry-after") !== undefined ||
      /rate limit/i.test(githubMessage));
  if (rateLimited) {
    return rateLimitedError(
      githubMessage || String(error.status),
      header("x-ratelimit-reset"),
      context,
      where,
      error,
    );
  }

  const sso = header("x-github-sso");
  if (error.status === 403 && sso !== undefined) {
    const ssoUrl = /url=(\S+)/.exec(sso)?.[1];
    return new PortolanError(
      "GITHUB_SSO_REQUIRED",
      `The organization enforces SAML single sign-on and the token is not authorized for it (while ${context.purpose}).`,
      {
        hint: ssoUrl
          ? `authorize the token for the organization at ${ssoUrl}`
          : "on GitHub, open Settings › Developer settings › Personal access tokens, choose Configure SSO and authorize the organization",
        where,
        cause: error,
      },
    );
  }

  const permission = requiredPermissionFor(path);
  if (error.status === 403) {
    const accepted = header("x-accepted-github-permissions");
    const acceptedScopes = header("x-accepted-oauth-scopes");
    const scopes = header("x-oauth-scopes");
    const named =
      accepted !== undefined && accepted !== ""
        ? `the fine-grained permission ${accepted}`
        : acceptedScopes !== undefined && acceptedScopes !== ""
          ? `one of the scopes ${acceptedScopes} (the token has: ${scopes || "none"})`
          : permission
            ? describePermission(permission)
            : undefined;
    const looksLikePermission =
      named !== undefined || /not accessible|permission|scope|must have/i.test(githubMessage);
    if (looksLikePermission) {
      const what = named ?? "a permission GitHub did not name";
      return new PortolanError(
        "GITHUB_MISSING_PERMISSION",
        `The token lacks ${what}, needed for ${context.purpose} (403 ${githubMessage || "Forbidden"}).`,
        {
          hint: `grant ${what} to the token (or use a token of a user who has it), then retry`,
          where,
          cause: error,
        },
      );
    }
    return new PortolanError(
      "GITHUB_FORBIDDEN",
      `GitHub refused ${context.purpose} (403 ${githubMessage || "Forbidden"}).`,
      { hint: "check that the token's user may access this resource", where, cause: error },
    );
  }

  if (error.status === 404) {
    const grant = permission ? `, or grant ${describePermission(permission)}` : "";
    return new PortolanError("GITHUB_NOT_FOUND", `GitHub answered 404 Not Found while ${context.purpose}.`, {
      hint: `check the spelling of the organization/repository; GitHub also answers 404 when the token may not see a private resource${grant}`,
      where,
      cause: error,
    });
  }

  return new PortolanError(
    "GITHUB_REQUEST_FAILED",
    `GitHub answered ${error.status}${githubMessage ? ` (${githubMessage})` : ""} while ${context.purpose}.`,
    {
      hint:
        error.status >= 500
          ? "GitHub had a server error and retries did not help; try again later (https://www.githubstatus.com)"
          : "this request was rejected by GitHub; the message above says why",
      where,
      cause: error,
    },
  );
}

function messageOf(error: RequestErrorLike): string {
  const data = error.response?.data;
  if (data && typeof data === "object" && typeof (data as { message?: unknown }).message === "string") {
    return (data as { message: string }).message;
  }
  return "";
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split("?")[0] ?? url;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
