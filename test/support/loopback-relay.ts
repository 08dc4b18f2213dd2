import { createServer, request as forward, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One request a relay passed on, in the order requests reached any relay of this process. */
export interface RelayedRequest {
  /** The relay's name. */
  via: string;
  method: string;
  /** Path and query, as received. */
  path: string;
  /** Where it went (a relay may spread requests over several targets). */
  target: string;
}

export interface LoopbackRelay {
  url: string;
  close(): Promise<void>;
}

export interface LoopbackRelayOptions {
  name: string;
  /** The base URL (`http://127.0.0.1:port`) each request goes to; called once per request. */
  target: () => string;
  /** Where each request is recorded as it arrives, and called again when its answer is sent. */
  log?: { arrived(request: RelayedRequest): void; answered(request: RelayedRequest): void };
  /** Milliseconds to hold a request before passing it on (widens windows in which work overlaps). */
  holdMs?: (request: RelayedRequest) => number;
}

/**
 * A loopback HTTP relay: stands between two processes to see (and order) what one asks the other —
 * or, with a `target` that alternates, as a load balancer in front of replicas. Bodies and headers
 * pass unchanged, but for redirects to the target, which point back here.
 */
export async function startLoopbackRelay(options: LoopbackRelayOptions): Promise<LoopbackRelay> {
  const server = createServer((incoming, outgoing) => {
    const target = options.target();
    const relayed: RelayedRequest = {
      via: options.name,
      method: incoming.method ?? "GET",
      path: incoming.url ?? "/",
      target,
    };
    options.log?.arrived(relayed);
    const hold = options.holdMs?.(relayed) ?? 0;
    setTimeout(() => {
      const onward = forward(
        new URL(relayed.path, target),
        { method: relayed.method, headers: incoming.headers },
        (answer: IncomingMessage) => {
          const headers = { ...answer.headers };
          // A redirect to the target's own origin comes back here: a client drops its credentials
          // when a redirect leaves the origin it asked.
          if (headers.location?.startsWith(target))
            headers.location = `${url}${headers.location.slice(target.length)}`;
          outgoing.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(outgoing);
          answer.on("end", () => options.log?.answered(relayed));
        },
      );
      onward.on("error", (error) => {
        outgoing.writeHead(502, { "content-type": "text/plain" });
        outgoing.end(`relay ${options.name}: ${error.message}`);
        options.log?.answered(relayed);
      });
      incoming.pipe(onward);
    }, hold);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
