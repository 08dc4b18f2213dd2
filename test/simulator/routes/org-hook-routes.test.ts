import { verify } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";
import { controlSimulator } from "../../support/simulator-control.js";
import { call, type Receiver, startReceiver } from "../support/simulator-http.js";
import { webhookPayloadProblems } from "../support/webhook-schema.js";

interface Hook {
  id: number;
  type: string;
  name: string;
  active: boolean;
  events: string[];
  config: Record<string, string>;
  url: string;
  ping_url: string;
  deliveries_url: string;
  created_at: string;
  updated_at: string;
}

async function issueToken(sim: RunningSimulator, login: string, scopes: string[]): Promise<string> {
  return (await controlSimulator<{ token: string }>(sim, "POST", "/tokens", { login, scopes })).token;
}

describe("organization webhooks", () => {
  let sim: RunningSimulator;
  let receiver: Receiver;
  let hooksPath: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 3 });
    receiver = await startReceiver();
    hooksPath = `/orgs/${sim.organization}/hooks`;
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(async () => {
    for (const hook of (await call<Hook[]>(sim, hooksPath)).body) {
      await call(sim, `${hooksPath}/${hook.id}`, { method: "DELETE" });
    }
    await sim.whenIdle();
    receiver.received.length = 0;
  });

  it("creates a hook (201), masks its secret and pings it with a signed ping event", async () => {
    const created = await call<Hook>(sim, hooksPath, {
      method: "POST",
      body: {
        name: "web",
        active: true,
        events: ["repository", "push"],
        config: { url: receiver.url, content_type: "json", secret: "s3cret" },
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(created.body.url);
    expect(created.body).toMatchObject({
      type: "Organization",
      name: "web",
      active: true,
      events: ["repository", "push"],
      config: { url: receiver.url, content_type: "json", insecure_ssl: "0", secret: "********" },
      url: `${sim.url}${hooksPath}/${created.body.id}`,
      ping_url: `${sim.url}${hooksPath}/${created.body.id}/pings`,
      deliveries_url: `${sim.url}${hooksPath}/${created.body.id}/deliveries`,
    });
    expect(JSON.stringify(created.body)).not.toContain("s3cret");

    await sim.whenIdle();
    expect(receiver.received).toHaveLength(1);
    const ping = receiver.received[0];
    expect(ping?.headers["x-github-event"]).toBe("ping");
    expect(ping?.headers["x-github-hook-id"]).toBe(String(created.body.id));
    expect(await verify("s3cret", ping?.body ?? "", String(ping?.headers["x-hub-signature-256"]))).toBe(true);
    const payload = JSON.parse(ping?.body ?? "{}");
    expect(payload.hook_id).toBe(created.body.id);
    expect(payload.hook.config.secret).toBe("********");
    expect(typeof payload.zen).toBe("string");
    expect(webhookPayloadProblems("ping$event", payload)).toEqual([]);
  });

  it("lists, gets, updates and deletes hooks", async () => {
    const created = await call<Hook>(sim, hooksPath, {
      method: "POST",
      body: { config: { url: `${receiver.url}?a=1`, secret: "x" }, events: ["repository"] },
    });
    expect(created.body.config.content_type).toBe("form");
    const listed = await call<Hook[]>(sim, hooksPath);
    expect(listed.body.map((hook) => hook.id)).toEqual([created.body.id]);
    const fetched = await call<Hook>(sim, `${hooksPath}/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);

    const updated = await call<Hook>(sim, `${hooksPath}/${created.body.id}`, {
      method: "PATCH",
      body: { config: { url: `${receiver.url}?a=1`, content_type: "json" }, events: ["*"], active: false },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.config).toEqual({
      content_type: "json",
      insecure_ssl: "0",
      url: `${receiver.url}?a=1`,
    });
    expect(updated.body.events).toEqual(["*"]);
    expect(updated.body.active).toBe(false);
    expect(updated.body.updated_at >= created.body.updated_at).toBe(true);

    const deleted = await call(sim, `${hooksPath}/${created.body.id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await call(sim, `${hooksPath}/${created.body.id}`)).status).toBe(404);
    expect((await call(sim, `${hooksPath}/${created.body.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("answers invalid hooks with GitHub's 422 bodies", async () => {
    const noUrl = await call(sim, hooksPath, {
      method: "POST",
      body: { name: "web", config: { content_type: "json" } },
    });
    expect(noUrl.status).toBe(422);
    expect(noUrl.body).toEqual({
      message: "Validation Failed",
      errors: [{ resource: "Hook", code: "custom", message: "Config must contain URL for webhooks" }],
      documentation_url: "https://docs.github.com/rest/orgs/webhooks#create-an-organization-webhook",
      status: "422",
    });
    const noConfig = await call(sim, hooksPath, { method: "POST", body: { name: "web" } });
    expect(noConfig.status).toBe(422);
    const badName = await call<{ errors: unknown[] }>(sim, hooksPath, {
      method: "POST",
      body: { name: "travis", config: { url: receiver.url } },
    });
    expect(badName.status).toBe(422);
    expect(badName.body.errors).toEqual([{ resource: "Hook", code: "invalid", field: "name" }]);
    const badUrl = await call(sim, hooksPath, { method: "POST", body: { config: { url: "not a url" } } });
    expect(badUrl.status).toBe(422);

    await call(sim, hooksPath, { method: "POST", body: { config: { url: receiver.url } } });
    const duplicate = await call<{ errors: { message: string }[] }>(sim, hooksPath, {
      method: "POST",
      body: { config: { url: receiver.url } },
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors[0]?.message).toBe("Hook already exists on this organization");
  });

  it("answers 404 to a token without admin:org_hook, and to members who are not owners", async () => {
    const owner = await call<{ login: string }>(sim, "/user");
    const withoutScope = await issueToken(sim, owner.body.login, ["repo", "read:org"]);
    const list = await call(sim, hooksPath, { token: withoutScope });
    expect(list.status).toBe(404);
    expect(list.body).toEqual({
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest/orgs/webhooks#list-organization-webhooks",
      status: "404",
    });
    expect(list.headers.get("x-oauth-scopes")).toBe("read:org, repo");
    expect(list.headers.get("x-accepted-oauth-scopes")).toBe("admin:org_hook");
    const create = await call(sim, hooksPath, {
      token: withoutScope,
      method: "POST",
      body: { config: { url: receiver.url } },
    });
    expect(create.status).toBe(404);

    const org = sim.state.findAccount(sim.organization);
    const memberId = [...(org?.members ?? [])].find(([, role]) => role === "member")?.[0] ?? 0;
    const member = await issueToken(sim, sim.state.findAccountById(memberId)?.login ?? "", [
      "admin:org_hook",
      "repo",
    ]);
    expect((await call(sim, hooksPath, { token: member })).status).toBe(404);
  });

  it("pings a hook on request (204) whatever its events", async () => {
    const created = await call<Hook>(sim, hooksPath, {
      method: "POST",
      body: { config: { url: receiver.url, content_type: "json" }, events: ["push"] },
    });
    await sim.whenIdle();
    receiver.received.length = 0;
    const ping = await call(sim, `${hooksPath}/${created.body.id}/pings`, { method: "POST" });
    expect(ping.status).toBe(204);
    await sim.whenIdle();
    expect(receiver.received.map((d) => d.headers["x-github-event"])).toEqual(["ping"]);
    expect(receiver.received[0]?.headers["x-hub-signature-256"]).toBeUndefined();
  });

  it("pages the hook list with per_page", async () => {
    for (let i = 0; i < 3; i++) {
      await call(sim, hooksPath, { method: "POST", body: { config: { url: `${receiver.url}?n=${i}` } } });
    }
    const page = await call<Hook[]>(sim, `${hooksPath}?per_page=2`);
    expect(page.body).toHaveLength(2);
    expect(page.headers.get("link")).toContain('rel="next"');
  });
});
