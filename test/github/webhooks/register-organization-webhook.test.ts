import { describe, expect, it } from "vitest";
import { isPortolanError } from "../../../src/engine/errors/portolan-error.js";
import {
  organizationWebhookEvents,
  registerOrganizationWebhook,
} from "../../../src/github/webhooks/register-organization-webhook.js";
import { FakeGitHub, fakeContext, silentLogger } from "../fake-github.js";

const url = "http://127.0.0.1:3000/integration/webhook";

function register(fake: FakeGitHub, secret: string | undefined, skipWebhookPatching = false) {
  const { client } = fakeContext(fake);
  return registerOrganizationWebhook(client, {
    organization: "acme",
    webhookUrl: url,
    secret,
    skipWebhookPatching,
    logger: silentLogger,
  });
}

const hook = (id: number, hookUrl: string, secret?: string) => ({
  id,
  active: true,
  events: [...organizationWebhookEvents],
  config: { url: hookUrl, content_type: "json", ...(secret ? { secret: "********" } : {}) },
});

describe("registerOrganizationWebhook", () => {
  it("subscribes to the 17 organization events of spec §5.1", () => {
    expect(organizationWebhookEvents).toHaveLength(17);
  });

  it("creates the hook when no hook has the URL, scanning every page first", async () => {
    const fake = new FakeGitHub()
      .onPages("/orgs/acme/hooks", [[hook(1, "https://elsewhere/a")], [hook(2, "https://elsewhere/b")]])
      .on("POST", "/orgs/acme/hooks", { status: 201, body: { id: 99 } });
    const result = await register(fake, "s3cret");
    expect(result).toEqual({ organization: "acme", status: "created", hookId: 99 });
    expect(fake.log.map((entry) => `${entry.method} ${entry.path} ${entry.query.page ?? ""}`)).toEqual([
      "GET /orgs/acme/hooks ",
      "GET /orgs/acme/hooks 2",
      "POST /orgs/acme/hooks ",
    ]);
    expect(fake.requests("POST", "/orgs/acme/hooks")[0]?.body).toEqual({
      name: "web",
      active: true,
      events: [...organizationWebhookEvents],
      config: { url, content_type: "json", secret: "s3cret" },
    });
  });

  it("creates without a secret when none is configured", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/orgs/acme/hooks", { body: [] })
      .on("POST", "/orgs/acme/hooks", { status: 201, body: { id: 5 } });
    await register(fake, undefined);
    expect(
      (fake.requests("POST", "/orgs/acme/hooks")[0]?.body as { config?: unknown } | undefined)?.config,
    ).toEqual({
      url,
      content_type: "json",
    });
  });

  it("leaves an existing hook alone when secret presence agrees", async () => {
    const fake = new FakeGitHub().on("GET", "/orgs/acme/hooks", { body: [hook(7, url, "x")] });
    expect(await register(fake, "s3cret")).toEqual({ organization: "acme", status: "unchanged", hookId: 7 });
    expect(fake.log).toHaveLength(1);
  });

  it("PATCHes the config to add a secret, or to remove it", async () => {
    const adding = new FakeGitHub()
      .on("GET", "/orgs/acme/hooks", { body: [hook(7, url)] })
      .on("PATCH", "/orgs/acme/hooks/7", { body: hook(7, url, "x") });
    expect((await register(adding, "s3cret")).status).toBe("updated");
    expect(adding.requests("PATCH", "/orgs/acme/hooks/7")[0]?.body).toEqual({
      config: { url, content_type: "json", secret: "s3cret" },
    });

    const removing = new FakeGitHub()
      .on("GET", "/orgs/acme/hooks", { body: [hook(7, url, "x")] })
      .on("PATCH", "/orgs/acme/hooks/7", { body: hook(7, url) });
    expect((await register(removing, undefined)).status).toBe("updated");
    expect(removing.requests("PATCH", "/orgs/acme/hooks/7")[0]?.body).toEqual({
      config: { url, content_type: "json" },
    });
  });

  it("never PATCHes with skipWebhookPatching", async () => {
    const fake = new FakeGitHub().on("GET", "/orgs/acme/hooks", { body: [hook(7, url)] });
    expect((await register(fake, "s3cret", true)).status).toBe("unchanged");
    expect(fake.log.map((entry) => entry.method)).toEqual(["GET"]);
  });

  it("a 404 on the hooks listing names the webhook permission", async () => {
    const fake = new FakeGitHub();
    const error = await register(fake, undefined).catch((e: unknown) => e);
    expect(isPortolanError(error) && error.code).toBe("GITHUB_NOT_FOUND");
    expect(isPortolanError(error) && error.hint).toContain("admin:org_hook");
  });
});
