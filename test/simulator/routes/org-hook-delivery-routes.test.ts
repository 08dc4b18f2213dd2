import { createRequire } from "node:module";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlAnswer, controlSimulator } from "../../support/simulator-control.js";
import { call, type Receiver, startReceiver } from "../support/simulator-http.js";

interface DeliveryItem {
  id: number;
  guid: string;
  redelivery: boolean;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  repository_id: number | null;
  delivered_at: string;
}

const openapi = createRequire(import.meta.url)("@octokit/openapi/generated/api.github.com.json") as {
  components: { schemas: Record<string, object> };
};
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const validItem = ajv.compile(openapi.components.schemas["hook-delivery-item"] as object);
const validDelivery = ajv.compile(openapi.components.schemas["hook-delivery"] as object);

describe("organization webhook deliveries", () => {
  let sim: RunningSimulator;
  let receiver: Receiver;
  let hookPath: string;
  let repository: string;

  const createIssue = async (title: string) => {
    await controlSimulator(sim, "POST", `/repos/${repository}/issues`, { title }, { whenIdle: true });
  };
  const switchDelivery = (body: Record<string, unknown>) =>
    controlAnswer(sim, "POST", "/webhooks/delivery", body);

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5 });
    receiver = await startReceiver();
    const repos = await call<{ full_name: string }[]>(sim, `/orgs/${sim.organization}/repos?per_page=1`);
    repository = repos.body[0]?.full_name ?? "";
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(async () => {
    const hooksPath = `/orgs/${sim.organization}/hooks`;
    for (const hook of (await call<{ id: number }[]>(sim, hooksPath)).body) {
      await call(sim, `${hooksPath}/${hook.id}`, { method: "DELETE" });
    }
    const created = await call<{ id: number }>(sim, hooksPath, {
      method: "POST",
      body: { events: ["issues"], config: { url: receiver.url, content_type: "json", secret: "s" } },
    });
    hookPath = `${hooksPath}/${created.body.id}`;
    await switchDelivery({ enabled: true, redelivery_window_seconds: 3 * 24 * 3600 });
    await sim.whenIdle();
    receiver.received.length = 0;
  });

  it("lists attempts newest first with GitHub's shape, paged by cursor through Link", async () => {
    for (const title of ["one", "two", "three"]) await createIssue(title);
    const first = await call<DeliveryItem[]>(sim, `${hookPath}/deliveries?per_page=2`);
    expect(first.status).toBe(200);
    for (const item of first.body) expect(validItem(item), ajv.errorsText(validItem.errors)).toBe(true);
    expect(first.body.map((item) => [item.event, item.action, item.status, item.status_code])).toEqual([
      ["issues", "opened", "OK", 202],
      ["issues", "opened", "OK", 202],
    ]);
    expect(first.body[0]?.repository_id).toEqual(expect.any(Number));
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1] ?? "";
    expect(next).toContain("cursor=v1_");
    const second = await call<DeliveryItem[]>(sim, next.slice(sim.url.length));
    // Two issues on the first page, then the third issue and the creation ping.
    expect(second.body.map((item) => item.event)).toEqual(["issues", "ping"]);
    expect(second.headers.get("link")).toBeNull();
    const guids = [...first.body, ...second.body].map((item) => item.guid);
    expect(new Set(guids).size).toBe(4);
    const ids = [...first.body, ...second.body].map((item) => item.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it("records deliveries as failed while switched off, and redelivers them with the same guid", async () => {
    expect((await switchDelivery({ enabled: false })).status).toBe(200);
    await createIssue("while down");
    expect(receiver.received).toHaveLength(0);
    const [failed] = (await call<DeliveryItem[]>(sim, `${hookPath}/deliveries`)).body;
    expect(failed).toMatchObject({ status: "failed to connect to host", status_code: 0, redelivery: false });
    const failures = await call<DeliveryItem[]>(sim, `${hookPath}/deliveries?status=failure`);
    expect(failures.body).toEqual([]);

    await switchDelivery({ enabled: true });
    const attempt = await call(sim, `${hookPath}/deliveries/${failed?.id}/attempts`, { method: "POST" });
    expect(attempt.status).toBe(202);
    await sim.whenIdle();
    expect(receiver.received.map((delivery) => delivery.headers["x-github-delivery"])).toEqual([
      failed?.guid,
    ]);
    const [redelivered] = (await call<DeliveryItem[]>(sim, `${hookPath}/deliveries`)).body;
    expect(redelivered).toMatchObject({
      guid: failed?.guid,
      redelivery: true,
      status: "OK",
      status_code: 202,
    });
    expect(redelivered?.id).toBeGreaterThan(failed?.id ?? 0);
  });

  it("switches one hook off and keeps the others delivering", async () => {
    const hookId = Number(hookPath.split("/").at(-1));
    await switchDelivery({ enabled: false, hook_id: hookId });
    await createIssue("one hook down");
    expect(receiver.received).toHaveLength(0);
    const state = await controlSimulator(sim, "GET", "/webhooks/delivery");
    expect(state).toMatchObject({ enabled: true, disabled_hooks: [hookId] });
    expect((await switchDelivery({ enabled: false, hook_id: 999_999 })).status).toBe(404);
  });

  it("shows one attempt with its request and response", async () => {
    receiver.status = 500;
    try {
      await createIssue("refused");
    } finally {
      receiver.status = 202;
    }
    const [item] = (await call<DeliveryItem[]>(sim, `${hookPath}/deliveries?status=failure`)).body;
    expect(item).toMatchObject({ status: "Invalid HTTP Response: 500", status_code: 500 });
    const delivery = await call<{
      request: { headers: Record<string, string>; payload: { issue: { title: string } } };
      response: { payload: string };
    }>(sim, `${hookPath}/deliveries/${item?.id}`);
    expect(validDelivery(delivery.body), ajv.errorsText(validDelivery.errors)).toBe(true);
    expect(delivery.body.request.headers["X-GitHub-Delivery"]).toBe(item?.guid);
    expect(delivery.body.request.headers["X-Hub-Signature-256"]).toMatch(/^sha256=/);
    expect(delivery.body.request.payload.issue.title).toBe("refused");
    expect(delivery.body.response.payload).toBe("{}");
    expect((await call(sim, `${hookPath}/deliveries/0`)).status).toBe(404);
  });

  it("refuses to redeliver an attempt older than the redelivery window, and a bad cursor", async () => {
    await createIssue("old");
    const [item] = (await call<DeliveryItem[]>(sim, `${hookPath}/deliveries`)).body;
    await switchDelivery({ redelivery_window_seconds: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const attempt = await call<{ errors: { message: string }[] }>(
      sim,
      `${hookPath}/deliveries/${item?.id}/attempts`,
      { method: "POST" },
    );
    expect(attempt.status).toBe(422);
    expect(attempt.body.errors[0]?.message).toMatch(/too old/);
    expect((await call(sim, `${hookPath}/deliveries?cursor=nonsense`)).status).toBe(400);
  });

  it("patches a hook's config key by key", async () => {
    const patched = await call<Record<string, string>>(sim, `${hookPath}/config`, {
      method: "PATCH",
      body: { content_type: "form" },
    });
    expect(patched.body).toEqual({
      url: receiver.url,
      content_type: "form",
      insecure_ssl: "0",
      secret: "********",
    });
    expect((await call(sim, `${hookPath}/config`)).body).toEqual(patched.body);
  });
});
