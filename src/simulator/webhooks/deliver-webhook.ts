import { isLoopbackUrl } from "./is-loopback-url.js";

/** GitHub gives a receiver 10 seconds to answer a delivery. */
export const DELIVERY_TIMEOUT_MS = 10_000;

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface DeliveryOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The receiver's answer (headers, and the body up to 1 KB), when one came. */
  response: { headers: Record<string, string>; body: string } | null;
}

/** GitHub keeps only the start of a receiver's answer. */
const RESPONSE_BODY_LIMIT = 1024;

/**
 * One delivery attempt, as GitHub makes it: a single POST (no retry, redirects not followed), abandoned
 * after 10 s. Never throws: every failure becomes the outcome's `error`. Non-loopback URLs are refused
 * before any connection is made.
 */
export async function deliverWebhook(
  request: WebhookRequest,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<DeliveryOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (!isLoopbackUrl(request.url)) {
    return {
      statusCode: null,
      error: `refused: ${request.url} is not a loopback URL; the simulator only delivers to localhost, 127.0.0.0/8 or [::1]`,
      durationMs: 0,
      response: null,
    };
  }
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const response = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal,
    });
    const body = await response.text().catch(() => "");
    return {
      statusCode: response.status,
      error: null,
      durationMs: elapsed(),
      response: {
        headers: Object.fromEntries(response.headers.entries()),
        body: body.slice(0, RESPONSE_BODY_LIMIT),
      },
    };
  } catch (error) {
    const reason = timeout.aborted
      ? `timed out after ${timeoutMs / 1000} s`
      : options.signal?.aborted
        ? "abandoned: the simulator was closed"
        : describeFetchError(error);
    return { statusCode: null, error: reason, durationMs: elapsed(), response: null };
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
