import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** One request to a running simulator, authenticated with `token` (the admin token unless null is given). */
export async function call<T = unknown>(
  simulator: RunningSimulator,
  path: string,
  init: {
    method?: string;
    token?: string | null;
    body?: unknown;
    headers?: Record<string, string>;
    base?: string;
  } = {},
): Promise<ApiAnswer<T>> {
  const token = init.token === undefined ? simulator.adminToken : init.token;
  const headers: Record<string, string> = { accept: "application/vnd.github+json", ...init.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${init.base ?? simulator.url}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    redirect: "manual",
  });
  const text = await response.text();
  let body: unknown = text;
  if (text !== "" && (response.headers.get("content-type") ?? "").includes("json")) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, body: body as T };
}

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: ReceivedDelivery[];
  /** Status the receiver answers with (default 202). */
  status: number;
  close(): Promise<void>;
}

/** A real local HTTP server that records every webhook delivery it gets. */
export async function startReceiver(path = "/integration/webhook"): Promise<Receiver> {
  const received: ReceivedDelivery[] = [];
  const receiver: Receiver = {
    url: "",
    received,
    status: 202,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(receiver.status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}

export interface HookedSimulator {
  sim: RunningSimulator;
  receiver: Receiver;
  hookId: number;
}

/**
 * A simulator (this seed) and a receiver that its organization hook delivers `events` to, signed
 * with `secret` when given.
 */
export async function startHookedSimulator(options: {
  seed: number;
  events: string[];
  secret?: string;
}): Promise<HookedSimulator> {
  const sim = await startSimulator({ seed: options.seed });
  const receiver = await startReceiver();
  const hook = await call<{ id: number }>(sim, `/orgs/${sim.organization}/hooks`, {
    method: "POST",
    body: {
      name: "web",
      events: options.events,
      config: {
        url: receiver.url,
        content_type: "json",
        ...(options.secret === undefined ? {} : { secret: options.secret }),
      },
    },
  });
  if (hook.status !== 201) throw new Error(`the simulator refused the hook: ${hook.status} ${hook.text}`);
  return { sim, receiver, hookId: hook.body.id };
}

/** Waits for the deliveries under way, then forgets all the receiver got: each test sees its own. */
export async function forgetDeliveries({ sim, receiver }: { sim: RunningSimulator; receiver: Receiver }) {
  await sim.whenIdle();
  receiver.received.length = 0;
}
