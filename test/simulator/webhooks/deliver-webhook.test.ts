import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { deliverWebhook } from "../../../src/simulator/webhooks/deliver-webhook.js";

describe("deliverWebhook", () => {
  it("gives up after the timeout and says so", async () => {
    const server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
      const outcome = await deliverWebhook({ url, headers: {}, body: "{}" }, { timeoutMs: 200 });
      expect(outcome.statusCode).toBeNull();
      expect(outcome.error).toBe("timed out after 0.2 s");
      expect(outcome.durationMs).toBeGreaterThanOrEqual(150);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("reports a refused connection without throwing", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const outcome = await deliverWebhook({ url: `http://127.0.0.1:${port}/gone`, headers: {}, body: "{}" });
    expect(outcome.statusCode).toBeNull();
    expect(outcome.error).toMatch(/fetch failed/);
  });

  it("does not follow redirects (GitHub records the 3xx)", async () => {
    let hits = 0;
    const server = createServer((_request, response) => {
      hits += 1;
      response.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/moved`;
      const outcome = await deliverWebhook({ url, headers: {}, body: "{}" });
      expect(outcome.statusCode).toBe(302);
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });
});
