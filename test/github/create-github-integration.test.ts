import { describe, expect, it } from "vitest";
import { createGitHubIntegration } from "../../src/github/create-github-integration.js";
import { FakeGitHub, fastPolicy } from "./fake-github.js";

describe("createGitHubIntegration", () => {
  it("implements the Integration seam for organization and repository", async () => {
    const integration = await createGitHubIntegration({
      githubToken: "ghp_seam",
      githubOrganization: "acme",
    });
    expect(integration.type).toBe("github");
    expect(integration.kinds.map((kind) => kind.name)).toEqual(
      expect.arrayContaining(["organization", "repository"]),
    );
    // All 22 kinds of the spec (§4.1–§4.22).
    expect(integration.kinds.map((kind) => kind.name).sort()).toEqual(
      [
        "branch",
        "code-scanning-alerts",
        "collaborator",
        "dependabot-alert",
        "deployment",
        "deployment-status",
        "environment",
        "file",
        "folder",
        "issue",
        "organization",
        "plugin",
        "pull-request",
        "release",
        "repository",
        "secret-scanning-alerts",
        "skill",
        "tag",
        "team",
        "user",
        "workflow",
        "workflow-run",
      ].sort(),
    );
    expect(integration.tokenKind).toBe("classic");
    expect(integration.authentication).toBe("personal-access-token");
    expect(integration.settings.githubHost).toBe("https://api.github.com");
    expect(integration.defaultBlueprints().map((blueprint) => blueprint.identifier)).toContain(
      "githubRepository",
    );
    expect(integration.defaultMapping()).toContain("kind: repository");
    const event = {
      deliveryId: "1",
      name: "repository",
      payload: { action: "created", repository: { id: 4 } },
    };
    expect(integration.kindsTouchedBy(event)).toEqual(["repository"]);
    expect(
      integration.kindsTouchedBy({ ...event, name: "push", payload: { ref: "refs/heads/main" } }),
    ).toEqual(expect.arrayContaining(["folder", "file", "skill", "plugin"]));
    expect(integration.groupKey(event)).toBe("repository:4");
    expect(
      await integration.handleEvent(event, { kind: "organization", selector: {}, mappingOptions: {} }),
    ).toBeNull();
  });

  it("rejects invalid settings before any request", async () => {
    await expect(createGitHubIntegration({ githubHost: "nope", githubToken: "t" })).rejects.toMatchObject({
      code: "GITHUB_SETTINGS_INVALID",
    });
    await expect(createGitHubIntegration({})).rejects.toMatchObject({ code: "GITHUB_NO_CREDENTIALS" });
  });

  it("verifyAccess reports the token kind, user, scopes and organizations, with warnings", async () => {
    const fake = new FakeGitHub()
      .on("GET", "/user", { body: { login: "me" }, headers: { "x-oauth-scopes": "repo, read:user" } })
      .onPages("/user/orgs", [[{ login: "acme" }]]);
    const integration = await createGitHubIntegration(
      { githubToken: "ghp_verify" },
      { fetch: fake.fetch, rateLimitPolicy: fastPolicy },
    );
    const access = await integration.verifyAccess();
    expect(access).toMatchObject({
      host: "https://api.github.com",
      tokenKind: "classic",
      login: "me",
      scopes: ["repo", "read:user"],
      organizations: [{ login: "acme", type: "Organization" }],
    });
    expect(access.warnings.join(" ")).toContain("read:org");
  });

  it("registerWebhooks keeps going when one organization fails, and says which", async () => {
    const fake = new FakeGitHub()
      .onPages("/user/orgs", [[{ login: "good" }, { login: "bad" }]])
      .on("GET", "/orgs/good/hooks", { body: [] })
      .on("POST", "/orgs/good/hooks", { status: 201, body: { id: 1 } })
      .on("GET", "/orgs/bad/hooks", {
        status: 403,
        body: { message: "Must have admin rights to Repository." },
      });
    const integration = await createGitHubIntegration(
      { githubToken: "ghp_hooks" },
      { fetch: fake.fetch, rateLimitPolicy: fastPolicy },
    );
    const results = await integration.registerWebhooks("http://127.0.0.1:1/integration/webhook");
    expect(results[0]).toEqual({ organization: "good", status: "created", hookId: 1 });
    expect(results[1]).toMatchObject({
      organization: "bad",
      status: "failed",
      error: { code: "GITHUB_MISSING_PERMISSION" },
    });
  });
});
