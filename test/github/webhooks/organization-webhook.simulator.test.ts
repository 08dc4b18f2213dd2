/**
 * Webhook set-up against the simulator: the integration creates its organization webhook, and repairs
 * one that lacks events, is inactive, sends forms or has no secret — unless `skipWebhookPatching`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGitHubIntegration } from "../../../src/github/create-github-integration.js";
import { organizationWebhookEvents } from "../../../src/github/webhooks/register-organization-webhook.js";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/start-simulator.js";

const webhookUrl = "http://127.0.0.1:9/integration/webhook";

interface Hook {
  id: number;
  active: boolean;
  events: string[];
  config: { url: string; content_type: string; secret?: string };
}

let sim: RunningSimulator;

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${sim.adminToken}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const hooks = () => api<Hook[]>("GET", `/orgs/${sim.organization}/hooks`);

async function register(settings: Record<string, unknown> = {}) {
  const integration = await createGitHubIntegration({
    githubHost: sim.url,
    githubToken: sim.adminToken,
    githubOrganization: sim.organization,
    webhookSecret: "s3cret",
    ...settings,
  });
  return integration.registerWebhooks(webhookUrl);
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 12, logger: false });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  for (const hook of await hooks()) await api("DELETE", `/orgs/${sim.organization}/hooks/${hook.id}`);
});

describe("organization webhook registration against the simulator", () => {
  it("creates the hook with the 17 events, JSON and the secret, then leaves it alone", async () => {
    const [created] = await register();
    expect(created).toMatchObject({ status: "created" });
    expect(await hooks()).toEqual([
      expect.objectContaining({
        active: true,
        events: [...organizationWebhookEvents],
        config: expect.objectContaining({ url: webhookUrl, content_type: "json", secret: "********" }),
      }),
    ]);
    const [again] = await register();
    expect(again).toMatchObject({ status: "unchanged" });
  });

  it("repairs a hook that lacks events, is inactive, sends forms and has no secret, keeping extra events", async () => {
    const stale = await api<Hook>("POST", `/orgs/${sim.organization}/hooks`, {
      active: false,
      events: ["push", "star"],
      config: { url: webhookUrl, content_type: "form" },
    });
    const [repaired] = await register();
    expect(repaired).toMatchObject({ status: "updated", hookId: stale.id });
    const [hook] = await hooks();
    expect(hook?.active).toBe(true);
    expect(hook?.config).toMatchObject({ content_type: "json", secret: "********" });
    expect([...(hook?.events ?? [])].sort()).toEqual([...organizationWebhookEvents, "star"].sort());
    const [again] = await register();
    expect(again).toMatchObject({ status: "unchanged" });
  });

  it("leaves a differing hook as it is with skipWebhookPatching", async () => {
    await api<Hook>("POST", `/orgs/${sim.organization}/hooks`, {
      events: ["push"],
      config: { url: webhookUrl, content_type: "json" },
    });
    const [result] = await register({ skipWebhookPatching: true });
    expect(result).toMatchObject({ status: "unchanged" });
    const [hook] = await hooks();
    expect(hook?.events).toEqual(["push"]);
    expect(hook?.config.secret).toBeUndefined();
  });
});
