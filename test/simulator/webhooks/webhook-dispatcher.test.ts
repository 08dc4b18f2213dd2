import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call, type Receiver, startReceiver } from "../support/simulator-http.js";

describe("webhook dispatch to organization hooks", () => {
  let sim: RunningSimulator;
  const receivers: Record<string, Receiver> = {};

  beforeAll(async () => {
    sim = await startSimulator({ seed: 9 });
    for (const name of ["repository", "star", "pushOnly", "inactive", "form"])
      receivers[name] = await startReceiver(`/${name}`);
    const hook = (name: string, body: Record<string, unknown>) =>
      call(sim, `/orgs/${sim.organization}/hooks`, {
        method: "POST",
        body: {
          ...body,
          config: { content_type: "json", ...(body.config as object), url: receivers[name]?.url },
        },
      });
    await hook("repository", { events: ["repository"] });
    await hook("star", { events: ["*"] });
    await hook("pushOnly", { events: ["push"] });
    await hook("inactive", { events: ["repository"], active: false });
    await hook("form", { events: ["repository"], config: { content_type: "form", secret: "form-secret" } });
    await sim.whenIdle();
    for (const receiver of Object.values(receivers)) receiver.received.length = 0;
  });
  afterAll(async () => {
    await sim.close();
    await Promise.all(Object.values(receivers).map((r) => r.close()));
  });

  it("sends an event to active hooks subscribed to it or to `*`, and nowhere else", async () => {
    const { deliveries } = await controlSimulator<{ deliveries: string[] }>(
      sim,
      "POST",
      `/orgs/${sim.organization}/repos`,
      { name: "fan-out" },
    );
    expect(deliveries).toHaveLength(3);
    await sim.whenIdle();
    expect(receivers.repository?.received).toHaveLength(1);
    expect(receivers.star?.received).toHaveLength(1);
    expect(receivers.form?.received).toHaveLength(1);
    expect(receivers.pushOnly?.received).toHaveLength(0);
    expect(receivers.inactive?.received).toHaveLength(0);
  });

  it("sends form-encoded payloads to `form` hooks, signed over the exact body", async () => {
    const delivery = receivers.form?.received[0];
    expect(delivery?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(delivery?.body.startsWith("payload=")).toBe(true);
    expect(
      await verify("form-secret", delivery?.body ?? "", String(delivery?.headers["x-hub-signature-256"])),
    ).toBe(true);
    const payload = JSON.parse(decodeURIComponent(delivery?.body.slice("payload=".length) ?? "")) as {
      action: string;
    };
    expect(payload.action).toBe("created");
  });

  it("gives every delivery its own id and answers the control call before delivering", async () => {
    const ids = sim.state.deliveries().map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const { deliveries } = await controlSimulator<{ deliveries: string[] }>(
      sim,
      "POST",
      `/orgs/${sim.organization}/repos`,
      { name: "async-one" },
    );
    const pending = sim.state.deliveries().filter((d) => deliveries.includes(d.id));
    expect(pending).toHaveLength(3);
    await sim.whenIdle();
    expect(pending.every((d) => d.done && d.statusCode === 202)).toBe(true);
  });

  it("refuses to deliver to a non-loopback URL, recording why", async () => {
    await call(sim, `/orgs/${sim.organization}/hooks`, {
      method: "POST",
      body: { events: ["repository"], config: { url: "https://example.com/hook", content_type: "json" } },
    });
    await sim.whenIdle();
    const ping = sim.state.deliveries().find((d) => d.url === "https://example.com/hook");
    expect(ping?.statusCode).toBeNull();
    expect(ping?.error).toMatch(/^refused: https:\/\/example\.com\/hook is not a loopback URL/);
  });
});

describe("webhook dispatch order", () => {
  it("sends a hook's deliveries one after another, in the order of their events, however slow its receiver", async () => {
    const sim = await startSimulator({ seed: 9 });
    // Answers the first delivery late: sent side by side, the next ones would arrive before it is answered.
    const arrivals: Array<{ action: string; arrivedAt: number; answeredAt?: number }> = [];
    const receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      request.on("end", () => {
        // The hook's ping (sent when it is created) is not one of the events this test orders.
        if (request.headers["x-github-event"] !== "release") return void response.writeHead(202).end();
        const arrival: (typeof arrivals)[number] = {
          action: String(JSON.parse(body).action),
          arrivedAt: performance.now(),
        };
        arrivals.push(arrival);
        setTimeout(
          () => {
            arrival.answeredAt = performance.now();
            response.writeHead(202).end();
          },
          arrivals.length === 1 ? 300 : 0,
        );
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      await call(sim, `/orgs/${sim.organization}/hooks`, {
        method: "POST",
        body: { events: ["release"], config: { content_type: "json", url: `http://127.0.0.1:${port}/` } },
      });
      const org = sim.state.findAccount(sim.organization);
      const source = sim.state
        .repositoriesOwnedBy(org?.id ?? 0)
        .find((repository) => repository.parentId === null);
      const repo = `/repos/${sim.organization}/${source?.name}`;
      const { release } = await controlSimulator<{ release: { id: number } }>(
        sim,
        "POST",
        `${repo}/releases`,
        {
          tag_name: "v1.0.0",
        },
      );
      await controlSimulator(sim, "PATCH", `${repo}/releases/${release.id}`, { name: "One" });
      await controlSimulator(sim, "DELETE", `${repo}/releases/${release.id}`, undefined, { whenIdle: true });
      expect(arrivals.map((arrival) => arrival.action)).toEqual([
        "created",
        "published",
        "edited",
        "deleted",
      ]);
      const [first, second] = arrivals;
      expect(second?.arrivedAt).toBeGreaterThanOrEqual(first?.answeredAt ?? Number.POSITIVE_INFINITY);
    } finally {
      await sim.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
