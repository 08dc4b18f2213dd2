import { STATUS_CODES } from "node:http";

/** Statuses whose answers have no body (Fetch's "null body status", plus 103). */
export const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The bytes behind the body stream of each Response made here: read back without streaming them. */
const bytesOfBody = new WeakMap<ReadableStream, Buffer>();

export interface WholeBodyInit {
  status: number;
  statusText?: string;
  headers: HeadersInit;
  /** The URL answered (after redirects), which Octokit reports as `response.url`. */
  url: string;
}

/**
 * A Response over a body already received whole. Its body stream is remembered, so that `bodyText`
 * decodes the bytes at once: Octokit hands a success's body over as that stream
 * (`parseSuccessResponseBody: false`), and reading it back through web streams cost more main-thread
 * time than the JSON parse (a `medium` resync: about 0.3 s).
 */
export function wholeBodyResponse(bytes: Buffer | undefined, init: WholeBodyInit): Response {
  const nullBody = NULL_BODY_STATUSES.has(init.status) || bytes === undefined;
  // A stream over the bytes themselves: a Response made from a Buffer would copy it first.
  const body = nullBody ? null : streamOf(bytes);
  const response = new Response(body, {
    status: init.status,
    statusText: init.statusText ?? STATUS_CODES[init.status] ?? "",
    headers: init.headers,
  });
  // A constructed Response has no URL of its own.
  Object.defineProperty(response, "url", { value: init.url });
  if (body !== null && bytes !== undefined) bytesOfBody.set(body, bytes);
  return response;
}

function streamOf(bytes: Buffer): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** The UTF-8 text of a body stream: from its bytes when a `wholeBodyResponse` made it, else read. */
export async function bodyText(body: ReadableStream): Promise<string> {
  return bytesOfBody.get(body)?.toString("utf8") ?? new Response(body).text();
}

/** A body stream's bytes: as `bodyText`, for answers that are not text. */
export async function bodyBytes(body: ReadableStream): Promise<ArrayBuffer> {
  const bytes = bytesOfBody.get(body);
  if (bytes === undefined) return new Response(body).arrayBuffer();
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
