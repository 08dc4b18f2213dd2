import { verify } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/start-simulator.js";
import { controlAnswer } from "../../support/simulator-control.js";
import { call, forgetDeliveries, type Receiver, startHookedSimulator } from "../support/simulator-http.js";
import { webhookPayloadProblems } from "../support/webhook-schema.js";

const SECRET = "it's a secret to everybody";

interface Payload {
  action: string;
  changes?: Record<string, { from: unknown } | Record<string, { from: unknown }>>;
  repository: {
    id: number;
    name: string;
    full_name: string;
    private: boolean;
    archived: boolean;
    visibility: string;
  };
  organization: { login: string };
  sender: { login: string; type: string };
}

describe("control API and repository webhooks", () => {
  let sim: RunningSimulator;
  let receiver: Receiver;
  let hookId: number;
  const org = () => sim.organization;

  /** The deliveries received since the last reset, parsed, after checking each signature. */
  async function receivedPayloads(): Promise<Payload[]> {
    await sim.whenIdle();
    const out: Payload[] = [];
    for (const delivery of receiver.received) {
      expect(await verify(SECRET, delivery.body, String(delivery.headers["x-hub-signature-256"]))).toBe(true);
      out.push(JSON.parse(delivery.body) as Payload);
    }
    receiver.received.length = 0;
    return out;
  }

  beforeAll(async () => {
    ({ sim, receiver, hookId } = await startHookedSimulator({
      seed: 4,
      events: ["repository"],
      secret: SECRET,
    }));
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => forgetDeliveries({ sim, receiver }));

  it("creates a repository and sends `repository` `created` with GitHub's headers and signature", async () => {
    const created = await controlAnswer<{
      repository: { full_name: string; private: boolean };
      deliveries: string[];
    }>(sim, "POST", `/orgs/${org()}/repos`, {
      name: "hello-portolan",
      description: "made in a test",
      private: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.repository.full_name).toBe(`${org()}/hello-portolan`);
    expect(created.body.repository.private).toBe(true);
    expect(created.body.deliveries).toHaveLength(1);

    await sim.whenIdle();
    const [delivery] = receiver.received;
    expect(delivery?.headers).toMatchObject({
      "x-github-event": "repository",
      "x-github-delivery": created.body.deliveries[0],
      "x-github-hook-id": String(hookId),
      "x-github-hook-installation-target-type": "organization",
      "x-github-hook-installation-target-id": String(sim.state.findAccount(org())?.id),
      "content-type": "application/json",
    });
    expect(delivery?.headers["user-agent"]).toMatch(/^GitHub-Hookshot\/[0-9a-f]{7}$/);
    expect(delivery?.headers["x-github-delivery"]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(delivery?.headers["x-hub-signature"]).toMatch(/^sha1=[0-9a-f]{40}$/);

    const [payload] = await receivedPayloads();
    expect(payload?.action).toBe("created");
    expect(payload?.repository.full_name).toBe(`${org()}/hello-portolan`);
    expect(payload?.organization.login).toBe(org());
    expect(payload?.sender.type).toBe("User");
    expect(webhookPayloadProblems("repository$created", payload)).toEqual([]);

    const listed = await call<{ name: string }[]>(sim, `/orgs/${org()}/repos?per_page=100`);
    expect(listed.body.map((r) => r.name)).toContain("hello-portolan");
  });

  it("renames: `renamed` with changes.repository.name.from, and the old name answers 301", async () => {
    await controlAnswer(sim, "POST", `/orgs/${org()}/repos`, { name: "old-name" });
    await receivedPayloads();
    const renamed = await controlAnswer<{ repository: { name: string }; events: string[] }>(
      sim,
      "PATCH",
      `/repos/${org()}/old-name`,
      { name: "new-name" },
    );
    expect(renamed.body.repository.name).toBe("new-name");
    expect(renamed.body.events).toEqual(["renamed"]);
    const [payload] = await receivedPayloads();
    expect(payload?.action).toBe("renamed");
    expect(payload?.changes).toEqual({ repository: { name: { from: "old-name" } } });
    expect(payload?.repository.name).toBe("new-name");
    expect(webhookPayloadProblems("repository$renamed", payload)).toEqual([]);

    const id = sim.state.findRepository(org(), "new-name")?.repository.id;
    const moved = await call<{ message: string; url: string }>(sim, `/repos/${org()}/old-name`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe(`${sim.url}/repositories/${id}`);
    expect(moved.body).toEqual({
      message: "Moved Permanently",
      url: `${sim.url}/repositories/${id}`,
      documentation_url: "https://docs.github.com/v3/#http-redirects",
    });
    const followed = await fetch(`${sim.url}/repos/${org()}/old-name`, {
      headers: { authorization: `token ${sim.adminToken}` },
    });
    expect(followed.status).toBe(200);
    expect(((await followed.json()) as { full_name: string }).full_name).toBe(`${org()}/new-name`);
    const enterprise = await call(sim, `/repos/${org()}/old-name/contents/README.md`, {
      base: sim.enterpriseUrl,
    });
    expect(enterprise.status).toBe(301);
    expect(enterprise.headers.get("location")).toBe(
      `${sim.enterpriseUrl}/repositories/${id}/contents/README.md`,
    );
  });

  it("archives and unarchives, privatizes and publicizes", async () => {
    await controlAnswer(sim, "POST", `/orgs/${org()}/repos`, { name: "flip-flop" });
    await receivedPayloads();
    await controlAnswer(sim, "PATCH", `/repos/${org()}/flip-flop`, { archived: true });
    await controlAnswer(sim, "PATCH", `/repos/${org()}/flip-flop`, { archived: false, private: true });
    await controlAnswer(sim, "PATCH", `/repos/${org()}/flip-flop`, { visibility: "internal" });
    await controlAnswer(sim, "PATCH", `/repos/${org()}/flip-flop`, { visibility: "public" });
    const payloads = await receivedPayloads();
    expect(payloads.map((p) => p.action)).toEqual(["archived", "unarchived", "privatized", "publicized"]);
    expect(payloads[0]?.repository.archived).toBe(true);
    expect(payloads[2]?.repository.private).toBe(true);
    expect(payloads[3]?.repository.visibility).toBe("public");
    for (const payload of payloads)
      expect(webhookPayloadProblems(`repository$${payload.action}`, payload)).toEqual([]);
  });

  it("edits description and default branch in one `edited` event with their former values", async () => {
    await controlAnswer(sim, "POST", `/orgs/${org()}/repos`, {
      name: "editable",
      description: "before",
      auto_init: true,
    });
    await receivedPayloads();
    const edited = await controlAnswer<{ deliveries: string[] }>(sim, "PATCH", `/repos/${org()}/editable`, {
      description: "after",
      default_branch: "trunk",
    });
    expect(edited.body.deliveries).toHaveLength(1);
    const [payload] = await receivedPayloads();
    expect(payload?.action).toBe("edited");
    expect(payload?.changes).toEqual({ description: { from: "before" }, default_branch: { from: "main" } });
    expect(webhookPayloadProblems("repository$edited", payload)).toEqual([]);
    const readme = await call(sim, `/repos/${org()}/editable/contents/README.md`);
    expect(readme.status).toBe(200);
    const nothing = await controlAnswer<{ deliveries: string[] }>(sim, "PATCH", `/repos/${org()}/editable`, {
      description: "after",
    });
    expect(nothing.body.deliveries).toEqual([]);
  });

  it("deletes: `deleted` with the repository as it was, then 404", async () => {
    await controlAnswer(sim, "POST", `/orgs/${org()}/repos`, { name: "doomed" });
    await receivedPayloads();
    const deleted = await controlAnswer<{ deleted: string; deliveries: string[] }>(
      sim,
      "DELETE",
      `/repos/${org()}/doomed`,
    );
    expect(deleted.body.deleted).toBe(`${org()}/doomed`);
    const [payload] = await receivedPayloads();
    expect(payload?.action).toBe("deleted");
    expect(payload?.repository.name).toBe("doomed");
    expect((await call(sim, `/repos/${org()}/doomed`)).status).toBe(404);
  });

  it("rejects bad control requests with a message", async () => {
    const duplicate = await controlAnswer<{ message: string }>(sim, "POST", `/orgs/${org()}/repos`, {
      name: "hello-portolan",
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.message).toContain("already exists");
    const badName = await controlAnswer<{ message: string }>(sim, "POST", `/orgs/${org()}/repos`, {
      name: "no spaces",
    });
    expect(badName.status).toBe(422);
    const contradiction = await controlAnswer(sim, "POST", `/orgs/${org()}/repos`, {
      name: "x1",
      private: true,
      visibility: "public",
    });
    expect(contradiction.status).toBe(422);
    const unknownField = await controlAnswer(sim, "PATCH", `/repos/${org()}/hello-portolan`, {
      colour: "blue",
    });
    expect(unknownField.status).toBe(422);
    expect((await controlAnswer(sim, "DELETE", `/repos/${org()}/never-was`)).status).toBe(404);
    expect((await controlAnswer(sim, "POST", "/orgs/no-such-org/repos", { name: "x" })).status).toBe(404);
  });

  it("records every attempted delivery, with status code and duration", async () => {
    const { body } = await controlAnswer<{ deliveries: string[] }>(sim, "POST", `/orgs/${org()}/repos`, {
      name: "logged",
    });
    await sim.whenIdle();
    const log = await controlAnswer<{ deliveries: Record<string, unknown>[] }>(sim, "GET", "/deliveries");
    const entry = log.body.deliveries.find((d) => d.id === body.deliveries[0]);
    expect(entry).toMatchObject({
      event: "repository",
      action: "created",
      hookId,
      url: receiver.url,
      statusCode: 202,
      error: null,
      done: true,
    });
    expect(typeof entry?.durationMs).toBe("number");
    expect(log.body.deliveries.some((d) => d.event === "ping")).toBe(true);
  });

  it("delivers once (no retry) and records a receiver's failure", async () => {
    receiver.status = 500;
    try {
      const { body } = await controlAnswer<{ deliveries: string[] }>(sim, "POST", `/orgs/${org()}/repos`, {
        name: "unlucky",
      });
      await sim.whenIdle();
      expect(receiver.received).toHaveLength(1);
      const record = sim.state.deliveries().find((d) => d.id === body.deliveries[0]);
      expect(record?.statusCode).toBe(500);
    } finally {
      receiver.status = 202;
    }
  });
});
