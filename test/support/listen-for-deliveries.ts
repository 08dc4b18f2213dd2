import { createServer, type Server } from "node:http";
import type { LiveEvent } from "../../src/engine/integration/integration.js";

/**
 * A webhook receiver on 127.0.0.1 (any free port) that answers 202 and appends every delivery to
 * `into` as a `LiveEvent`: what the tests that drive the simulator's deliveries through
 * `handleEvent` share.
 */
export async function listenForDeliveries(into: LiveEvent[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      into.push({
        deliveryId: String(request.headers["x-github-delivery"]),
        name: String(request.headers["x-github-event"]),
        payload: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
      });
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
