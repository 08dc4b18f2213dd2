import { isPortolanError } from "../engine/errors/portolan-error.js";
import { problem } from "./webhook-route.js";

/** API bodies are small JSON objects; anything over this is refused with 413 before it is parsed. */
export const MAX_API_BODY_BYTES = 1024 * 1024;

/** Fastify's own request errors, as Portolan's stable codes with what to do about them. */
const KNOWN: Record<string, { code: string; message: string; hint: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: "REQUEST_BODY_TOO_LARGE",
    message: "the request body is too large",
    hint: `API requests carry at most ${MAX_API_BODY_BYTES / 1024 / 1024} MiB; webhook deliveries at most 25 MB.`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "REQUEST_UNSUPPORTED_MEDIA_TYPE",
    message: "the request's Content-Type is not supported",
    hint: "Send the body as JSON with Content-Type: application/json.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: "REQUEST_BAD_JSON",
    message: "the body is empty but Content-Type says JSON",
    hint: "Send a JSON object, or no Content-Type header when there is no body.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "REQUEST_BAD_CONTENT_LENGTH",
    message: "Content-Length does not match the body",
    hint: "Let your HTTP client set Content-Length.",
  },
};

/**
 * The body of a 4xx raised before a route runs (the body parser's), named with a stable code.
 * The server's JSON parser (json-body-parser.ts) raises PortolanErrors that carry their own code.
 */
export function requestErrorProblem(error: { code?: string; message: string; name?: string }) {
  if (isPortolanError(error)) return problem(error.code, error.message, error.hint);
  const known = error.code ? KNOWN[error.code] : undefined;
  if (known) return problem(known.code, known.message, known.hint);
  return problem("REQUEST_INVALID", error.message, "Check the request against the API documentation.");
}
