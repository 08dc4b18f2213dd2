/**
 * Calls to the simulator's control API (`/_simulator…`), the way tests change its world. A path is given
 * from the control root with its leading slash: `/orgs/{org}/repos` stands for `/_simulator/orgs/{org}/repos`.
 */
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";

/** A running simulator, or the URL of one that runs elsewhere (a child process). */
export type ControlTarget = Pick<RunningSimulator, "url" | "whenIdle"> | string;

export interface ControlAnswer<T = unknown> {
  status: number;
  /** The parsed JSON answer; undefined when the answer is empty. */
  body: T;
}

/**
 * The status and body of one control call, whatever the status: for the tests of the control API's own
 * refusals and of exact statuses.
 */
export async function controlAnswer<T = Record<string, unknown>>(
  target: ControlTarget,
  method: string,
  path: string,
  body?: unknown,
): Promise<ControlAnswer<T>> {
  const { status, text } = await send(target, method, path, body);
  return { status, body: parse(text) as T };
}

/**
 * One control call that must succeed (2xx, or it throws with the simulator's answer); answers its parsed
 * body. With `whenIdle`, it returns once the deliveries it caused were attempted.
 */
export async function controlSimulator<T = unknown>(
  target: ControlTarget,
  method: string,
  path: string,
  body?: unknown,
  options: { whenIdle?: boolean } = {},
): Promise<T> {
  const { status, text } = await send(target, method, path, body);
  if (status < 200 || status >= 300) throw new Error(`${method} ${path} → ${status}: ${text}`);
  if (options.whenIdle) {
    // A simulator in another process has no whenIdle() to ask.
    if (typeof target === "string") throw new Error(`${method} ${path}: whenIdle needs a running simulator`);
    await target.whenIdle();
  }
  return parse(text) as T;
}

async function send(
  target: ControlTarget,
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const url = typeof target === "string" ? target : target.url;
  const response = await fetch(`${url}/_simulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

function parse(text: string): unknown {
  return text === "" ? undefined : JSON.parse(text);
}
